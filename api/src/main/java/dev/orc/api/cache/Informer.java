package dev.orc.api.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.model.KubeObject;
import dev.orc.api.wait.Backoff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A cache of one kind kept current by list + watch: re-lists when the watch says its revision is gone,
 * re-watches with capped backoff after errors (starting over once a list or watch has worked), and re-delivers
 * every object as an update once per resync period as a safety net. Each version of an object is held once, as an
 * immutable {@link Cached} value that every reader and handler shares, filed by the {@link Index#ALL} indexes.
 */
public final class Informer<T extends KubeObject> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Informer.class);
    /** How many watch events may wait for the handlers before the watch itself waits. */
    static final int PENDING_EVENTS = 10_000;
    private static final Backoff RETRY = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(30));

    private final ResourceType type;
    private final Class<T> viewType;
    private final ListWatcher source;
    private final Duration resyncPeriod;
    private final Indexer<T> cache = new Indexer<>(Index.ALL);
    private final List<EventHandler<T>> handlers = new CopyOnWriteArrayList<>();
    private final CountDownLatch synced = new CountDownLatch(1);
    /**
     * Watch events waiting for the informer's loop. Bounded: a watch that delivers faster than the handlers keep up
     * waits here, which backs up to the server, whose watcher then drops the watch for falling behind and the informer
     * resumes from where it is (or re-lists), instead of holding events in memory without bound.
     */
    private final LinkedBlockingQueue<Runnable> signals;
    private volatile boolean closed;
    private volatile ListWatcher.Handle watch;
    private Thread loop;

    /** An informer of {@code type}'s objects, viewed as {@code viewType}, from {@code source}. */
    public Informer(ResourceType type, Class<T> viewType, ListWatcher source, Duration resyncPeriod) {
        this(type, viewType, source, resyncPeriod, PENDING_EVENTS);
    }

    Informer(ResourceType type, Class<T> viewType, ListWatcher source, Duration resyncPeriod, int pendingEvents) {
        this.signals = new LinkedBlockingQueue<>(pendingEvents);
        this.type = type;
        this.viewType = viewType;
        this.source = source;
        this.resyncPeriod = resyncPeriod;
    }

    public ResourceType type() {
        return type;
    }

    public void addHandler(EventHandler<T> handler) {
        handlers.add(handler);
        cache.list().forEach(handler::onAdd);
    }

    public synchronized void start() {
        if (loop == null) {
            loop = Thread.ofVirtual().name("informer-" + type.plural()).start(this::run);
        }
    }

    /** Waits (bounded) until the first list has been loaded. */
    public boolean waitForSync(Duration timeout) throws InterruptedException {
        return synced.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean hasSynced() {
        return synced.getCount() == 0;
    }

    public Optional<Cached<T>> get(ObjectKey key) {
        return cache.get(key);
    }

    public List<Cached<T>> list() {
        return cache.list();
    }

    /** The objects {@code index} files under {@code value}: a namespace's, a controller's (by uid), a node's. */
    public List<Cached<T>> byIndex(Index index, String value) {
        return cache.byIndex(index, value);
    }

    @Override
    public void close() {
        closed = true;
        ListWatcher.Handle current = watch;
        if (current != null) {
            current.close();
        }
        signals.offer(() -> { });
        if (loop != null) {
            loop.interrupt();
        }
    }

    private void run() {
        Backoff.Failures failures = RETRY.failures();
        long nextResync = System.nanoTime() + resyncPeriod.toNanos();
        while (!closed) {
            try {
                ListWatcher.Listing listing = source.list(type);
                replace(listing.items());
                List<Cached<T>> all = cache.list();
                handlers.forEach(h -> h.onListed(all));
                synced.countDown();
                WatchEnd end = watchFrom(listing.resourceVersion(), nextResync);
                nextResync = end.nextResync();
                failures.reset();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                Duration wait = failures.next();
                if (Integer.bitCount(failures.count()) == 1) {
                    LOG.warn("listing {} failed ({} in a row), trying again in {} ms: {}", type.plural(),
                            failures.count(), wait.toMillis(), e.getMessage());
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Hands a signal to the loop, waiting while the queue is full, unless the informer closes meanwhile. */
    private void deliver(Runnable signal) {
        try {
            boolean queued = false;
            while (!closed && !queued) {
                queued = signals.offer(signal, 100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Watch events and ends not yet handled (for tests). */
    int pendingSignals() {
        return signals.size();
    }

    private record WatchEnd(boolean gone, long nextResync) {
    }

    /** Watches until the watch closes; returns whether it closed because its revision is gone. */
    private WatchEnd watchFrom(String resourceVersion, long nextResync) throws InterruptedException {
        String[] revision = {resourceVersion};
        Backoff.Failures failures = RETRY.failures();
        while (!closed) {
            boolean[] gone = {false};
            boolean[] heard = {false};
            CountDownLatch ended = new CountDownLatch(1);
            watch = source.watch(type, revision[0], new ListWatcher.Events() {
                @Override
                public void onEvent(ListWatcher.EventType eventType, ObjectNode object) {
                    heard[0] = true;
                    deliver(() -> apply(eventType, object, revision));
                }

                @Override
                public void onClose(boolean isGone, Exception cause) {
                    gone[0] = isGone;
                    deliver(ended::countDown);
                }
            });
            while (ended.getCount() > 0 && !closed) {
                long untilResync = nextResync - System.nanoTime();
                Runnable signal = signals.poll(Math.max(1, untilResync), TimeUnit.NANOSECONDS);
                if (signal != null) {
                    signal.run();
                } else {
                    resync();
                    nextResync = System.nanoTime() + resyncPeriod.toNanos();
                }
            }
            if (gone[0]) {
                return new WatchEnd(true, nextResync);
            }
            if (!closed) {
                if (heard[0]) {
                    failures.reset();
                }
                Thread.sleep(failures.next());
            }
        }
        return new WatchEnd(false, nextResync);
    }

    private void apply(ListWatcher.EventType eventType, ObjectNode object, String[] revision) {
        String rv = object.path("metadata").path("resourceVersion").asText("");
        if (!rv.isEmpty()) {
            revision[0] = rv;
        }
        if (eventType == ListWatcher.EventType.BOOKMARK) {
            return;
        }
        if (eventType == ListWatcher.EventType.DELETED) {
            Cached<T> last = Cached.owning(object, viewType);
            cache.remove(last.key());
            handlers.forEach(h -> h.onDelete(last));
            return;
        }
        store(Cached.owning(object, viewType));
    }

    private void store(Cached<T> object) {
        Optional<Cached<T>> old = cache.put(object);
        if (old.isEmpty()) {
            handlers.forEach(h -> h.onAdd(object));
        } else {
            handlers.forEach(h -> h.onUpdate(old.get(), object));
        }
    }

    private void replace(List<ObjectNode> items) {
        Map<ObjectKey, Cached<T>> fresh = new HashMap<>();
        items.forEach(item -> {
            Cached<T> object = Cached.owning(item, viewType);
            fresh.put(object.key(), object);
        });
        for (ObjectKey key : cache.keys()) {
            if (!fresh.containsKey(key)) {
                cache.remove(key).ifPresent(old -> handlers.forEach(h -> h.onDelete(old)));
            }
        }
        fresh.values().forEach(object -> {
            Optional<Cached<T>> old = cache.get(object.key());
            if (old.isEmpty() || !old.get().sameContent(object)) {
                store(object);
            }
        });
    }

    private void resync() {
        cache.list().forEach(object -> handlers.forEach(h -> h.onUpdate(object, object)));
    }
}
