package dev.orc.reconciler.apiserver.watch;

import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.WatchEvent;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The changes of one resource type, as {@link WatchCaches} feeds them from the store, served to every client
 * watch of that type: a window of the most recent events (so a client can resume from a recent
 * resourceVersion) and the set of live watchers. The window holds events as their stored bytes only, at most
 * {@code maxEvents} of them and {@code maxBytes} of them together, so its memory follows the size of the
 * objects that change, not the history of the cluster. It also holds every object of the type as it is at
 * its revision (as kube-apiserver's watch cache does), so that a list asking for any version ({@code
 * resourceVersion=0}) is answered from memory. Between a failure of the store watch and its restart the cache is
 * not live: it refuses subscriptions and lists.
 */
public final class WatchCache {
    private final int maxEvents;
    private final long maxBytes;
    private final ArrayDeque<EncodedEvent> window = new ArrayDeque<>();
    private final Set<Watcher> watchers = new HashSet<>();
    private final TreeMap<String, CachedObject> objects = new TreeMap<>();
    private long windowBytes;
    private long windowStart;
    private long revision;
    private boolean live;

    WatchCache(int maxEvents, long maxBytes) {
        if (maxEvents < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a watch window must hold at least one event and one byte, got "
                    + maxEvents + " events and " + maxBytes + " bytes");
        }
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    /**
     * Starts over, live, at {@code now}, holding {@code contents} (every object of the type as the store had it at
     * {@code now}): an empty window that a watcher can join from {@code now} on.
     */
    synchronized void reset(long now, List<KeyValue> contents) {
        clearWindow();
        objects.clear();
        contents.forEach(kv -> objects.put(kv.key(), new CachedObject(kv, null)));
        windowStart = now;
        revision = now;
        live = true;
    }

    /**
     * Takes a change in. Its objects are decoded first, once for all watchers: a change that cannot be decoded
     * throws before it reaches the window, where it would fail every watcher that replays it.
     */
    void onEvent(WatchEvent event) {
        EncodedEvent encoded = EncodedEvent.of(event);
        DecodedEvent delivery = encoded == null ? null : encoded.decoded();
        if (delivery != null) {
            delivery.object();
            delivery.previous();
        }
        CachedObject now = delivery == null || delivery.type().equals("DELETED") ? null
                : new CachedObject(event.kv(), delivery.objectJson());
        synchronized (this) {
            revision = Math.max(revision, event.revision());
            if (now == null) {
                objects.remove(event.kv().key());
            } else {
                objects.put(now.key(), now);
            }
            if (encoded == null) {
                return;
            }
            window.addLast(encoded);
            windowBytes += encoded.bytes();
            while (window.size() > maxEvents || windowBytes > maxBytes) {
                EncodedEvent evicted = window.removeFirst();
                windowBytes -= evicted.bytes();
                windowStart = evicted.revision();
            }
            watchers.removeIf(w -> deliver(w, delivery));
        }
    }

    /**
     * Offers the change to one watcher; true when it is finished. A watcher that cannot take the change (its
     * selection failed on the object) is ended with the error, and the other watchers still get it.
     */
    private static boolean deliver(Watcher watcher, DecodedEvent event) {
        try {
            watcher.offer(event);
            return watcher.finished();
        } catch (RuntimeException e) {
            watcher.fail(Watcher.internalError("the watch could not take the change at revision " + event.revision()
                    + ": " + e.getMessage()));
            return true;
        }
    }

    /** The store watch failed: every watcher is closed and the cache is not live until the next reset. */
    synchronized void fail() {
        live = false;
        objects.clear();
        watchers.forEach(Watcher::close);
        watchers.clear();
        clearWindow();
    }

    /**
     * Registers {@code watcher} for the changes after its starting revision, replaying those still in the
     * window. Returns false (and registers nothing) when the window no longer reaches back that far.
     */
    public synchronized boolean subscribe(Watcher watcher, long afterRevision) {
        if (!live || afterRevision < windowStart) {
            return false;
        }
        for (EncodedEvent event : window) {
            watcher.offer(event.decoded());
        }
        watcher.caughtUpTo(revision);
        watchers.add(watcher);
        return true;
    }

    /** The objects whose keys start with {@code prefix}, in key order, at the cache's revision; empty when not live. */
    public synchronized Optional<Snapshot> list(String prefix) {
        if (!live) {
            return Optional.empty();
        }
        return Optional.of(new Snapshot(revision, List.copyOf(objects.subMap(prefix, prefix + Character.MAX_VALUE).values())));
    }

    /** Objects of one type as they were at {@code revision}. */
    public record Snapshot(long revision, List<CachedObject> objects) {
    }

    public synchronized void unsubscribe(Watcher watcher) {
        watchers.remove(watcher);
    }

    /** The stored bytes the window holds now, as {@link EncodedEvent#bytes()} counts them. */
    synchronized long windowBytes() {
        return windowBytes;
    }

    synchronized void stop() {
        fail();
    }

    private void clearWindow() {
        window.clear();
        windowBytes = 0;
    }
}
