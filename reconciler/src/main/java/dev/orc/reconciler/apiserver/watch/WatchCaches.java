package dev.orc.reconciler.apiserver.watch;

import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.wait.Backoff;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.Watch;
import dev.orc.reconciler.store.WatchEvent;
import dev.orc.reconciler.store.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One {@link WatchCache} per resource type, all fed by a single store watch on {@link #PREFIX}: each change
 * goes to the cache of the type whose key prefix it has (one store watch, so one store read per commit,
 * however many types there are). When the store watch fails, every cache closes its watchers (clients
 * re-connect) and the watch starts again after a backoff.
 */
public final class WatchCaches implements AutoCloseable, WatchListener {
    static final String PREFIX = "/registry/";
    private static final Logger LOG = LoggerFactory.getLogger(WatchCaches.class);
    private static final Backoff RESTART_BACKOFF = Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(30));

    private final Store store;
    private final Map<ResourceType, WatchCache> caches = new LinkedHashMap<>();
    private final ScheduledExecutorService restarts =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("watch-cache-restart").factory());
    private Watch storeWatch;
    private final Backoff.Failures failures = RESTART_BACKOFF.failures();
    private boolean stopped;
    private boolean restartPending;

    /** Caches whose windows each hold at most {@code windowSize} events and {@code windowBytes} of them. */
    public WatchCaches(Store store, int windowSize, long windowBytes) {
        this.store = store;
        for (ResourceType type : ResourceTypes.all()) {
            if (!type.storePrefix().startsWith(PREFIX)) {
                throw new IllegalStateException("the store prefix of " + type.plural() + " is outside " + PREFIX);
            }
            caches.put(type, new WatchCache(windowSize, windowBytes));
        }
    }

    public synchronized void start() {
        restartPending = false;
        if (stopped) {
            return;
        }
        try {
            long now = store.currentRevision();
            caches.values().forEach(cache -> cache.reset(now));
            storeWatch = store.watch(PREFIX, now, this);
            failures.reset();
        } catch (StoreException e) {
            restartLater(e);
        }
    }

    public WatchCache of(ResourceType type) {
        return caches.get(type);
    }

    /**
     * Routes a change to its type's cache. A change that cannot be taken in (its bytes cannot be decoded, say) fails
     * and restarts every cache as a store failure would, so that watchers re-sync instead of silently missing it.
     */
    @Override
    public void onEvent(WatchEvent event) {
        String key = event.kv().key();
        try {
            for (Map.Entry<ResourceType, WatchCache> entry : caches.entrySet()) {
                if (key.startsWith(entry.getKey().storePrefix())) {
                    entry.getValue().onEvent(event);
                    return;
                }
            }
        } catch (RuntimeException e) {
            onError(new StoreException("the change of " + key + " at revision " + event.revision()
                    + " could not be taken in: " + e.getMessage(), e));
        }
    }

    /** The store watch failed: it is closed (whatever it might still deliver would come twice), and started again. */
    @Override
    public void onError(StoreException error) {
        Watch failed;
        synchronized (this) {
            failed = storeWatch;
            storeWatch = null;
        }
        if (failed != null) {
            failed.close();
        }
        caches.values().forEach(WatchCache::fail);
        restartLater(error);
    }

    /** Schedules one restart, however often the failed watch reports its failure: two would open two store watches. */
    private synchronized void restartLater(StoreException error) {
        if (stopped || restartPending) {
            return;
        }
        restartPending = true;
        Duration delay = failures.next();
        LOG.warn("the watch caches' store watch failed ({}); restarting in {} ms", error.getMessage(), delay.toMillis());
        restarts.schedule(this::start, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        Watch watch;
        synchronized (this) {
            stopped = true;
            watch = storeWatch;
        }
        caches.values().forEach(WatchCache::stop);
        if (watch != null) {
            watch.close();
        }
        restarts.shutdownNow();
    }
}
