package dev.orc.reconciler.store.etcd;

import dev.orc.api.wait.Backoff;
import dev.orc.reconciler.store.Keys;
import dev.orc.reconciler.store.RevisionCompactedException;
import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.WatchEvent;
import dev.orc.reconciler.store.WatchListener;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.orc.reconciler.store.etcd.EtcdCalls.bytes;

/**
 * A watch on etcd that survives lost connections and etcd restarts. jetcd's own resumption may skip
 * revisions, so every failure of the underlying jetcd watch ends it, and a new one is opened (with
 * capped exponential backoff, for at most the retry window) from just after the last revision received.
 * Events at or below that revision are dropped, so none is delivered twice. Delivery runs on one
 * thread per watch, off jetcd's event loop, with back-pressure: when the listener falls {@code maxBacklog} events
 * behind, the jetcd watch is closed without taking the events of that response, and once the listener has caught up
 * a new one is opened after the last revision taken, so etcd holds what the listener could not yet take.
 */
final class EtcdWatch implements dev.orc.reconciler.store.Watch {
    private static final Logger log = LoggerFactory.getLogger(EtcdWatch.class);
    private static final Backoff RESUME_BACKOFF = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(3));
    /** How many events may wait for the listener before the watch stops taking more from etcd. */
    static final int MAX_BACKLOG = 10_000;

    private final Watch client;
    private final String prefix;
    private final WatchListener listener;
    private final ScheduledExecutorService retries;
    private final Duration retryWindow;
    private final ExecutorService delivery;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean closedByOwner;
    private final AtomicReference<Watch.Watcher> current = new AtomicReference<>();
    private final Object lock = new Object();
    private final Runnable onEnd;
    private final int maxBacklog;
    private final AtomicInteger backlog = new AtomicInteger();
    private long generation;
    private long lastReceived;
    private final Backoff.Failures failures = RESUME_BACKOFF.failures();
    private long failingSinceNanos;

    EtcdWatch(Watch client, String prefix, long afterRevision, WatchListener listener,
              ScheduledExecutorService retries, Duration retryWindow, Runnable onEnd, int maxBacklog) {
        this.onEnd = onEnd;
        this.maxBacklog = maxBacklog;
        this.client = client;
        this.prefix = prefix;
        this.lastReceived = afterRevision;
        this.listener = listener;
        this.retries = retries;
        this.retryWindow = retryWindow;
        this.delivery = Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().daemon().name("orc-etcd-watch " + prefix).unstarted(r));
    }

    void start() {
        subscribe();
    }

    private void subscribe() {
        if (closed.get()) {
            return;
        }
        long gen;
        long from;
        synchronized (lock) {
            gen = ++generation;
            from = lastReceived + 1;
        }
        String end = Keys.prefixEnd(prefix);
        WatchOption option = WatchOption.builder()
                .withRange(bytes(end == null ? "\0" : end))
                .withRevision(from)
                .withPrevKV(true)
                .withProgressNotify(true)
                .build();
        Watch.Watcher watcher;
        try {
            watcher = client.watch(bytes(prefix.isEmpty() ? "\0" : prefix), option,
                    Watch.listener(response -> onResponse(gen, response), error -> onFailure(gen, error)));
        } catch (RuntimeException e) {
            end(new StoreException("cannot watch " + prefix + " on etcd: " + e.getMessage(), e));
            return;
        }
        Watch.Watcher previous = current.getAndSet(watcher);
        if (previous != null) {
            previous.close();
        }
        if (closed.get()) {
            watcher.close();
        }
    }

    private void onResponse(long gen, WatchResponse response) {
        synchronized (lock) {
            if (gen != generation || closed.get()) {
                return;
            }
            failures.reset();
            List<WatchEvent> fresh = new ArrayList<>();
            long last = lastReceived;
            for (io.etcd.jetcd.watch.WatchEvent e : response.getEvents()) {
                long revision = e.getKeyValue().getModRevision();
                if (revision > lastReceived) {
                    fresh.add(toEvent(e));
                    last = Math.max(last, revision);
                }
            }
            if (!fresh.isEmpty() && backlog.get() > 0 && backlog.get() + fresh.size() > maxBacklog) {
                pauseUntilCaughtUp();
                return;
            }
            if (response.isProgressNotify() && response.getEvents().isEmpty()) {
                last = Math.max(last, response.getHeader().getRevision());
            }
            lastReceived = last;
            if (!fresh.isEmpty()) {
                backlog.addAndGet(fresh.size());
                onDeliveryThread(() -> fresh.forEach(this::deliver));
            }
        }
    }

    /**
     * The listener is too far behind: stop this jetcd watch, leaving the events of the current response to etcd, and
     * open a new one from after the last revision taken once the delivery thread has delivered everything queued.
     */
    private void pauseUntilCaughtUp() {
        generation++;
        log.debug("watch on {} is {} events behind its listener; pausing after revision {}", prefix, backlog.get(),
                lastReceived);
        closeCurrentLater();
        onDeliveryThread(this::subscribe);
    }

    /** Events received from etcd and not yet handed to the listener. */
    int backlog() {
        return backlog.get();
    }

    private void onFailure(long gen, Throwable error) {
        Duration backoff;
        synchronized (lock) {
            if (gen != generation || closed.get()) {
                return;
            }
            generation++;
            if (error instanceof CompactedException compacted) {
                end(new RevisionCompactedException(lastReceived + 1, compacted.getCompactedRevision() - 1));
                return;
            }
            long now = System.nanoTime();
            if (failures.count() == 0) {
                failingSinceNanos = now;
            } else if (now - failingSinceNanos > retryWindow.toNanos()) {
                end(new StoreException("watch on " + prefix + " could not be resumed for " + retryWindow.toSeconds()
                        + "s: " + error.getMessage(), error));
                return;
            }
            backoff = failures.next();
            log.debug("watch on {} failed ({}); resuming after revision {} in {} ms", prefix, error.getMessage(),
                    lastReceived, backoff.toMillis());
        }
        closeCurrentLater();
        try {
            retries.schedule(this::subscribe, backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            end(new StoreException("the etcd store was closed"));
        }
    }

    /** Runs {@code task} after everything queued for the listener; dropped once the owner has closed the watch. */
    private void onDeliveryThread(Runnable task) {
        try {
            delivery.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("watch on {} closed; dropping a delivery", prefix);
        }
    }

    /** Ends the watch, telling the listener why after the events already received. */
    void end(StoreException error) {
        if (closed.compareAndSet(false, true)) {
            onEnd.run();
            closeCurrentLater();
            onDeliveryThread(() -> listener.onError(error));
            delivery.shutdown();
        }
    }

    /**
     * Closes the jetcd watcher off the calling thread: a failure arrives on jetcd's event loop inside
     * its own error handling, which must finish before the watcher is closed.
     */
    private void closeCurrentLater() {
        try {
            retries.execute(this::closeCurrent);
        } catch (RejectedExecutionException e) {
            closeCurrent();
        }
    }

    private void closeCurrent() {
        Watch.Watcher watcher = current.getAndSet(null);
        if (watcher != null) {
            watcher.close();
        }
    }

    private void deliver(WatchEvent event) {
        backlog.decrementAndGet();
        if (closedByOwner) {
            return;
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            log.warn("watch listener on {} failed on the event at revision {}", prefix, event.revision(), e);
        }
    }

    private static WatchEvent toEvent(io.etcd.jetcd.watch.WatchEvent e) {
        io.etcd.jetcd.KeyValue prev = e.getPrevKV();
        boolean hasPrev = prev != null && prev.getModRevision() != 0;
        return new WatchEvent(
                e.getEventType() == io.etcd.jetcd.watch.WatchEvent.EventType.DELETE ? WatchEvent.Type.DELETE : WatchEvent.Type.PUT,
                EtcdStore.keyValue(e.getKeyValue()),
                hasPrev ? EtcdStore.keyValue(prev) : null);
    }

    @Override
    public void close() {
        closedByOwner = true;
        if (closed.compareAndSet(false, true)) {
            onEnd.run();
            closeCurrent();
            delivery.shutdown();
        }
    }
}
