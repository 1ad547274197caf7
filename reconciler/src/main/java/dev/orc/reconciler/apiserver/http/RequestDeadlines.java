package dev.orc.reconciler.apiserver.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Bounds requests that run on their own (virtual) threads: one watchdog interrupts a request's thread once its
 * deadline has passed, so a request costs two map updates instead of a timer and a second thread. Blocking calls
 * that honour interrupts (store futures, locks) then give up and the request answers a timeout; work that does not
 * finishes first, as work abandoned by a timer would have finished in the background.
 */
public final class RequestDeadlines implements AutoCloseable {
    private static final Duration SCAN_INTERVAL = Duration.ofMillis(250);

    private final Duration timeout;
    private final Map<Thread, Long> running = new ConcurrentHashMap<>();
    private final Thread watchdog;
    private volatile boolean closed;

    public RequestDeadlines(Duration timeout) {
        this.timeout = timeout;
        this.watchdog = Thread.ofPlatform().daemon().name("orc-request-deadlines").start(this::watch);
    }

    Duration timeout() {
        return timeout;
    }

    /** Runs {@code work} on this thread; throws {@link TimeoutException} when the deadline interrupted it. */
    <T> T run(Supplier<T> work) throws TimeoutException {
        Thread current = Thread.currentThread();
        running.put(current, System.nanoTime() + timeout.toNanos());
        boolean expired = false;
        try {
            return work.get();
        } catch (RuntimeException e) {
            expired = running.remove(current) == null;
            if (expired) {
                TimeoutException timedOut = new TimeoutException("the request did not complete within " + timeout);
                timedOut.initCause(e);
                throw timedOut;
            }
            throw e;
        } finally {
            if (expired || running.remove(current) == null) {
                Thread.interrupted();
            }
        }
    }

    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(SCAN_INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Thread thread : running.keySet()) {
                running.computeIfPresent(thread, (t, deadline) -> {
                    if (now - deadline < 0) {
                        return deadline;
                    }
                    t.interrupt();
                    return null;
                });
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        watchdog.interrupt();
    }
}
