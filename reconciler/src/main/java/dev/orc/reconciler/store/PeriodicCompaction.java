package dev.orc.reconciler.store;

import dev.orc.api.wait.Periodic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Compacts the store's history as kube-apiserver compacts etcd: every {@code interval} it compacts to the revision
 * it saw one interval earlier, so watchers and paged lists always have at least one interval of history, and a
 * store whose keys are rewritten (heartbeats, statuses) stays the size of its live data.
 */
public final class PeriodicCompaction implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicCompaction.class);

    private final Store store;
    private long seen;
    private Periodic runs;

    private PeriodicCompaction(Store store) {
        this.store = store;
    }

    /** Starts compacting {@code store} every {@code interval}, the first time one interval from now. */
    public static PeriodicCompaction start(Store store, Duration interval) {
        PeriodicCompaction compaction = new PeriodicCompaction(store);
        compaction.seen = store.currentRevision();
        compaction.runs = Periodic.start("orc-compaction", interval, compaction::compactQuietly);
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
        runs.close();
    }
}
