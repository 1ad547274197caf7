package dev.orc.reconciler.apiserver.watch;

import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.wait.Backoff;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.ListOptions;
import dev.orc.reconciler.store.Page;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.Watch;
import dev.orc.reconciler.store.WatchEvent;
import dev.orc.reconciler.store.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One {@link WatchCache} per resource type, all filled by one list of {@link #PREFIX} and then fed by a single
 * store watch on it from that list's revision: each change goes to the cache of the type whose key prefix it has
 * (one store watch, so one store read per commit, however many types there are). When the store watch fails,
 * every cache closes its watchers (clients re-connect) and the list and watch start again after a backoff.
 */
public final class WatchCaches implements AutoCloseable, WatchListener {
    static final String PREFIX = "/registry/";
    private static final Logger LOG = LoggerFactory.getLogger(WatchCaches.class);
    /** Keys read at a time when the caches are filled. */
    private static final int FILL_PAGE = 1000;
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
            Map<WatchCache, List<KeyValue>> contents = new HashMap<>();
            String after = null;
            long now = 0;
            do {
                Page page = store.list(PREFIX, new ListOptions(FILL_PAGE, after, now));
                for (KeyValue kv : page.items()) {
                    WatchCache cache = cacheOf(kv.key());
                    if (cache != null) {
                        contents.computeIfAbsent(cache, c -> new ArrayList<>()).add(kv);
                    }
                }
                after = page.continueKey();
                now = page.revision();
            } while (after != null);
            long revision = now;
            caches.values().forEach(cache -> cache.reset(revision, contents.getOrDefault(cache, List.of())));
            storeWatch = store.watch(PREFIX, revision, this);
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
            WatchCache cache = cacheOf(key);
            if (cache != null) {
                cache.onEvent(event);
            }
        } catch (RuntimeException e) {
            onError(new StoreException("the change of " + key + " at revision " + event.revision()
                    + " could not be taken in: " + e.getMessage(), e));
        }
    }

    /** The cache of the type whose key prefix {@code key} has; {@code null} for a key of no type. */
    private WatchCache cacheOf(String key) {
        for (Map.Entry<ResourceType, WatchCache> entry : caches.entrySet()) {
            if (key.startsWith(entry.getKey().storePrefix())) {
                return entry.getValue();
            }
        }
        return null;
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
