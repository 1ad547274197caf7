package dev.orc.reconciler.controller.runtime;

import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.workqueue.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one reconciler: its informers feed keys into a work queue; once every cache has synced, workers take
 * keys one at a time, reconcile, and requeue with backoff on failure.
 */
public final class Controller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final String name;
    private final WorkQueue<ObjectKey> queue;
    private final Reconciler reconciler;
    private final List<Informer<?>> informers;
    private final int workers;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    public Controller(String name, WorkQueue<ObjectKey> queue, Reconciler reconciler, List<Informer<?>> informers, int workers) {
        this.name = name;
        this.queue = queue;
        this.reconciler = reconciler;
        this.informers = List.copyOf(informers);
        this.workers = workers;
    }

    public String name() {
        return name;
    }

    public WorkQueue<ObjectKey> queue() {
        return queue;
    }

    /** Starts the workers once the informers have synced (waiting at most {@code syncTimeout}). */
    public void start(Duration syncTimeout) throws InterruptedException {
        for (Informer<?> informer : informers) {
            informer.start();
        }
        for (Informer<?> informer : informers) {
            if (!informer.waitForSync(syncTimeout)) {
                throw new IllegalStateException(name + ": cache of " + informer.type().plural() + " did not sync within " + syncTimeout);
            }
        }
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofVirtual().name(name + "-worker-" + i).start(this::work));
        }
    }

    /** Processes one key if one is ready within {@code timeout}; returns whether it did. Used by the workers and tests. */
    public boolean processNext(Duration timeout) throws InterruptedException {
        Optional<ObjectKey> next = queue.get(timeout);
        if (next.isEmpty()) {
            return false;
        }
        ObjectKey key = next.get();
        try {
            Result result = reconciler.reconcile(key);
            queue.forget(key);
            if (result.requeue()) {
                queue.addAfter(key, result.requeueAfter());
            }
        } catch (TerminalException e) {
            queue.forget(key);
            LOG.warn("{}: {}: {}", name, key, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        } catch (Exception e) {
            queue.addRateLimited(key);
            int failures = queue.failures(key);
            if (warnsAfter(failures)) {
                LOG.warn("{}: {} failed ({} in a row), retrying with back-off: {}", name, key, failures, e.toString());
            } else {
                LOG.debug("{}: {} failed ({} in a row), retrying with back-off: {}", name, key, failures, e.toString());
            }
        } finally {
            queue.done(key);
        }
        return true;
    }

    /**
     * A failing key is retried with a back-off that starts at milliseconds: its 1st, 2nd, 4th, 8th... failure in a
     * row is a warning, so a controller that keeps failing is visible at the default level without a line per retry.
     */
    static boolean warnsAfter(int failuresInARow) {
        return Integer.bitCount(failuresInARow) == 1;
    }

    private void work() {
        while (!stopped) {
            try {
                processNext(POLL);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        queue.shutDown();
        threads.forEach(Thread::interrupt);
    }
}
