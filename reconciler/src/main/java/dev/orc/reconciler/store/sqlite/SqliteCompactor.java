package dev.orc.reconciler.store.sqlite;

import dev.orc.reconciler.store.RevisionCompactedException;
import dev.orc.reconciler.store.StoreException;

/**
 * Compaction of the revision table. The new compaction revision is recorded first (so reads from
 * before it fail from then on), then superseded rows are deleted in chunks so writers are never held
 * long. Reads check the compaction revision before and after they run.
 */
final class SqliteCompactor {
    private static final long CHUNK = 10_000;

    private final SqliteDatabase db;
    private final Object lock = new Object();
    private volatile long compactRevision;

    SqliteCompactor(SqliteDatabase db) {
        this.db = db;
        this.compactRevision = db.read(c -> MetaTable.get(c, MetaTable.COMPACT_REVISION));
    }

    long compactRevision() {
        return compactRevision;
    }

    /** Fails with "too old" when reads at {@code revision} are no longer possible. */
    void requireAvailable(long revision) {
        long compacted = compactRevision;
        if (revision < compacted) {
            throw new RevisionCompactedException(revision, compacted);
        }
    }

    /** Compacts to {@code revision}; a revision already compacted is left as it is. */
    void compact(long revision) {
        synchronized (lock) {
            long current = db.committed().current();
            if (revision > current) {
                throw new StoreException("cannot compact to revision " + revision + ": the store is at " + current);
            }
            long previous = compactRevision;
            if (revision <= previous) {
                return;
            }
            db.write((c, next) -> {
                MetaTable.put(c, MetaTable.COMPACT_REVISION, revision);
                return null;
            });
            compactRevision = revision;
            for (long from = previous; from < revision; from += CHUNK) {
                long start = from;
                long end = Math.min(from + CHUNK, revision);
                db.write((c, next) -> KvTable.compact(c, start, end, revision));
            }
        }
    }

    /** Compacts all but the latest {@code retain} revisions. */
    void compactAllBut(long retain) {
        long target = db.committed().current() - retain;
        if (target > compactRevision) {
            compact(target);
        }
    }
}
