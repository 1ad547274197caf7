package dev.orc.reconciler.apiserver;

import dev.orc.api.meta.ResourceType;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.Watch;
import dev.orc.reconciler.store.WatchEvent;
import dev.orc.reconciler.store.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The changes of one resource type, fed by a single store watch and served to every client watch of that
 * type: a window of the most recent events (so a client can resume from a recent resourceVersion) and the
 * set of live watchers. When the store watch fails, every watcher is closed (clients re-connect) and the
 * cache starts again after a backoff.
 */
final class WatchCache implements WatchListener {
    private static final Logger LOG = LoggerFactory.getLogger(WatchCache.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ResourceType type;
    private final Store store;
    private final int windowSize;
    private final ScheduledExecutorService scheduler;
    private final ArrayDeque<CachedEvent> window = new ArrayDeque<>();
    private final Set<Watcher> watchers = new HashSet<>();
    private long windowStart;
    private long revision;
    private Watch storeWatch;
    private Duration backoff = Duration.ofMillis(200);
    private boolean stopped;

    WatchCache(ResourceType type, Store store, int windowSize, ScheduledExecutorService scheduler) {
        this.type = type;
        this.store = store;
        this.windowSize = windowSize;
        this.scheduler = scheduler;
    }

    synchronized void start() {
        if (stopped) {
            return;
        }
        try {
            long now = store.currentRevision();
            window.clear();
            windowStart = now;
            revision = now;
            storeWatch = store.watch(type.storePrefix(), now, this);
            backoff = Duration.ofMillis(200);
        } catch (StoreException e) {
            restartLater(e);
        }
    }

    @Override
    public void onEvent(WatchEvent event) {
        CachedEvent cached = CachedEvent.of(event);
        synchronized (this) {
            revision = Math.max(revision, event.revision());
            if (cached == null) {
                return;
            }
            window.addLast(cached);
            while (window.size() > windowSize) {
                windowStart = window.removeFirst().revision();
            }
            watchers.removeIf(w -> {
                w.offer(cached);
                return w.finished();
            });
        }
    }

    @Override
    public void onError(StoreException error) {
        synchronized (this) {
            watchers.forEach(Watcher::close);
            watchers.clear();
            window.clear();
        }
        restartLater(error);
    }

    private synchronized void restartLater(StoreException error) {
        if (stopped) {
            return;
        }
        LOG.warn("watch of {} failed ({}); restarting in {} ms", type.plural(), error.getMessage(), backoff.toMillis());
        scheduler.schedule(this::start, backoff.toMillis(), TimeUnit.MILLISECONDS);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }

    /**
     * Registers {@code watcher} for the changes after its starting revision, replaying those still in the
     * window. Returns false (and registers nothing) when the window no longer reaches back that far.
     */
    synchronized boolean subscribe(Watcher watcher, long afterRevision) {
        if (storeWatch == null || afterRevision < windowStart) {
            return false;
        }
        for (CachedEvent event : window) {
            watcher.offer(event);
        }
        watchers.add(watcher);
        return true;
    }

    synchronized void unsubscribe(Watcher watcher) {
        watchers.remove(watcher);
    }

    /** The revision of the last change of this type the cache has seen (for bookmarks). */
    synchronized long revision() {
        return revision;
    }

    synchronized int watcherCount() {
        return watchers.size();
    }

    void stop() {
        Watch watch;
        synchronized (this) {
            stopped = true;
            watch = storeWatch;
            watchers.forEach(Watcher::close);
            watchers.clear();
        }
        if (watch != null) {
            watch.close();
        }
    }
}
