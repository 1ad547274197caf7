package dev.orc.reconciler.apiserver;

import dev.orc.reconciler.store.WatchEvent;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The changes of one resource type, as {@link WatchCaches} feeds them from the store, served to every client
 * watch of that type: a window of the most recent events (so a client can resume from a recent
 * resourceVersion) and the set of live watchers. Between a failure of the store watch and its restart the
 * cache is not live and refuses subscriptions.
 */
final class WatchCache {
    private final int windowSize;
    private final ArrayDeque<CachedEvent> window = new ArrayDeque<>();
    private final Set<Watcher> watchers = new HashSet<>();
    private long windowStart;
    private long revision;
    private boolean live;

    WatchCache(int windowSize) {
        this.windowSize = windowSize;
    }

    /** Starts over, live, at {@code now}: an empty window that a watcher can join from {@code now} on. */
    synchronized void reset(long now) {
        window.clear();
        windowStart = now;
        revision = now;
        live = true;
    }

    void onEvent(WatchEvent event) {
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

    /** The store watch failed: every watcher is closed and the cache is not live until the next reset. */
    synchronized void fail() {
        live = false;
        watchers.forEach(Watcher::close);
        watchers.clear();
        window.clear();
    }

    /**
     * Registers {@code watcher} for the changes after its starting revision, replaying those still in the
     * window. Returns false (and registers nothing) when the window no longer reaches back that far.
     */
    synchronized boolean subscribe(Watcher watcher, long afterRevision) {
        if (!live || afterRevision < windowStart) {
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

    synchronized void stop() {
        fail();
    }
}
