package dev.orc.api.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.wait.Backoff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A cache of one kind kept current by list + watch: re-lists when the watch says its revision is gone,
 * re-watches with capped backoff after errors (starting over once a list or watch has worked), and re-delivers every object as an update once per resync
 * period as a safety net. Objects handed out are copies; the cache cannot be changed from outside.
 */
public final class Informer implements AutoCloseable {
    private static final Backoff RETRY = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(30));

    private final ResourceType type;
    private final ListWatcher source;
    private final Duration resyncPeriod;
    private final Map<ObjectKey, ObjectNode> cache = new ConcurrentHashMap<>();
    private final List<EventHandler> handlers = new CopyOnWriteArrayList<>();
    private final CountDownLatch synced = new CountDownLatch(1);
    private final LinkedBlockingQueue<Runnable> signals = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private volatile ListWatcher.Handle watch;
    private Thread loop;

    public Informer(ResourceType type, ListWatcher source, Duration resyncPeriod) {
        this.type = type;
        this.source = source;
        this.resyncPeriod = resyncPeriod;
    }

    public ResourceType type() {
        return type;
    }

    public void addHandler(EventHandler handler) {
        handlers.add(handler);
        cache.values().forEach(object -> handler.onAdd(object.deepCopy()));
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

    public Optional<ObjectNode> get(ObjectKey key) {
        ObjectNode object = cache.get(key);
        return object == null ? Optional.empty() : Optional.of(object.deepCopy());
    }

    public List<ObjectNode> list() {
        return list(object -> true);
    }

    public List<ObjectNode> list(Predicate<ObjectNode> filter) {
        List<ObjectNode> result = new ArrayList<>();
        for (ObjectNode object : cache.values()) {
            if (filter.test(object)) {
                result.add(object.deepCopy());
            }
        }
        return result;
    }

    @Override
    public void close() {
        closed = true;
        ListWatcher.Handle current = watch;
        if (current != null) {
            current.close();
        }
        signals.add(() -> { });
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
                try {
                    Thread.sleep(failures.next());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
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
                    signals.add(() -> apply(eventType, object, revision));
                }

                @Override
                public void onClose(boolean isGone, Exception cause) {
                    gone[0] = isGone;
                    signals.add(ended::countDown);
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
        ObjectKey key = ObjectKey.of(object);
        if (eventType == ListWatcher.EventType.DELETED) {
            cache.remove(key);
            handlers.forEach(h -> h.onDelete(object.deepCopy()));
            return;
        }
        ObjectNode old = cache.put(key, object);
        if (old == null) {
            handlers.forEach(h -> h.onAdd(object.deepCopy()));
        } else {
            handlers.forEach(h -> h.onUpdate(old.deepCopy(), object.deepCopy()));
        }
    }

    private void replace(List<ObjectNode> items) {
        Map<ObjectKey, ObjectNode> fresh = new HashMap<>();
        items.forEach(item -> fresh.put(ObjectKey.of(item), item));
        for (ObjectKey key : List.copyOf(cache.keySet())) {
            if (!fresh.containsKey(key)) {
                ObjectNode old = cache.remove(key);
                handlers.forEach(h -> h.onDelete(old.deepCopy()));
            }
        }
        fresh.forEach((key, object) -> {
            ObjectNode old = cache.put(key, object);
            if (old == null) {
                handlers.forEach(h -> h.onAdd(object.deepCopy()));
            } else if (!old.equals(object)) {
                handlers.forEach(h -> h.onUpdate(old.deepCopy(), object.deepCopy()));
            }
        });
    }

    private void resync() {
        cache.values().forEach(object -> handlers.forEach(h -> h.onUpdate(object.deepCopy(), object.deepCopy())));
    }
}
