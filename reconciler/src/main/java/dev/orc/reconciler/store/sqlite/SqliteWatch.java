package dev.orc.reconciler.store.sqlite;

import dev.orc.reconciler.store.RevisionCompactedException;
import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.Watch;
import dev.orc.reconciler.store.WatchEvent;
import dev.orc.reconciler.store.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * One watch: a thread that reads the rows past the last revision it scanned, delivers those under its
 * prefix, and then waits for the next commit (or the poll interval, as a safety net).
 */
final class SqliteWatch implements Watch {
    private static final Logger log = LoggerFactory.getLogger(SqliteWatch.class);
    private static final int BATCH = 1000;

    private final String prefix;
    private final WatchListener listener;
    private final SqliteDatabase db;
    private final LongSupplier compactRevision;
    private final long pollMillis;
    private final Runnable onClose;
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private long scanned;

    SqliteWatch(String prefix, long afterRevision, WatchListener listener, SqliteDatabase db,
                LongSupplier compactRevision, long pollMillis, Runnable onClose) {
        this.prefix = prefix;
        this.scanned = afterRevision;
        this.listener = listener;
        this.db = db;
        this.compactRevision = compactRevision;
        this.pollMillis = pollMillis;
        this.onClose = onClose;
        this.thread = Thread.ofPlatform().daemon().name("orc-sqlite-watch " + prefix).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        RevisionSignal committed = db.committed();
        try {
            requireNotCompacted();
            while (!closed.get()) {
                long upTo = committed.current();
                if (upTo <= scanned) {
                    committed.awaitAfter(scanned, pollMillis);
                    continue;
                }
                List<WatchEvent> events = db.read(c -> KvTable.events(c, prefix, scanned, upTo, BATCH));
                requireNotCompacted();
                for (WatchEvent event : events) {
                    if (closed.get()) {
                        return;
                    }
                    deliver(event);
                }
                scanned = events.size() == BATCH ? events.getLast().revision() : upTo;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (StoreException e) {
            end(e);
        }
    }

    private void requireNotCompacted() {
        long compacted = compactRevision.getAsLong();
        if (scanned < compacted) {
            throw new RevisionCompactedException(scanned + 1, compacted);
        }
    }

    private void deliver(WatchEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            log.warn("watch listener on {} failed on the event at revision {}", prefix, event.revision(), e);
        }
    }

    /** Ends the watch with an error for the listener, unless it was closed by its owner. */
    void end(StoreException error) {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
            listener.onError(error);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
            thread.interrupt();
        }
    }
}
