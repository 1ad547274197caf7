package dev.orc.reconciler.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Compacts the store's history as kube-apiserver compacts etcd: every {@code interval} it compacts to the revision
 * it saw one interval earlier, so watchers and paged lists always have at least one interval of history, and a
 * store whose keys are rewritten (heartbeats, statuses) stays the size of its live data.
 */
public final class PeriodicCompaction implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicCompaction.class);

    private final Store store;
    private final ScheduledExecutorService timer;
    private long seen;

    private PeriodicCompaction(Store store, ScheduledExecutorService timer) {
        this.store = store;
        this.timer = timer;
    }

    /** Starts compacting {@code store} every {@code interval}, the first time one interval from now. */
    public static PeriodicCompaction start(Store store, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the compaction interval must be positive, got " + interval);
        }
        PeriodicCompaction compaction = new PeriodicCompaction(store, Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("orc-compaction").unstarted(r)));
        compaction.seen = store.currentRevision();
        long millis = interval.toMillis();
        compaction.timer.scheduleWithFixedDelay(compaction::compactQuietly, millis, millis, TimeUnit.MILLISECONDS);
        return compaction;
    }

    /** Compacts to the revision seen at the previous run and remembers the current one for the next. */
    synchronized long compactOnce() {
        long current = store.currentRevision();
        long target = seen;
        if (target > 0) {
            store.compact(target);
        }
        seen = current;
        return target;
    }

    private void compactQuietly() {
        try {
            long to = compactOnce();
            LOG.debug("compacted the store to revision {}", to);
        } catch (StoreException e) {
            LOG.warn("compaction failed, trying again in one interval: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
