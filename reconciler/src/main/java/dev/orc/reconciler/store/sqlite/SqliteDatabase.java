package dev.orc.reconciler.store.sqlite;

import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.StoreFullException;
import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SQLite file: one write connection used under a lock (so writes are serialised and revisions
 * strictly increase) and a small pool of read connections, which WAL mode lets run beside the writer.
 * Every commit is synced to disk (synchronous=FULL) before it is acknowledged; concurrent writes share
 * one commit.
 */
final class SqliteDatabase implements AutoCloseable {
    private static final int READERS = 4;
    private static final long BORROW_TIMEOUT_SECONDS = 30;
    /** The most writes one transaction takes, so a long queue does not make one huge transaction. */
    private static final int MAX_GROUP = 500;

    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Queue<PendingWrite<?>> pending = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> all = new ArrayList<>();
    private final RevisionSignal committed;

    SqliteDatabase(Path file) {
        this.file = file;
        try {
            writer = connect(false);
            all.add(writer);
            createSchema(writer);
            committed = new RevisionSignal(Math.max(queryLong(writer, "SELECT MAX(id) FROM kv"),
                    queryLong(writer, "SELECT value FROM meta WHERE name = 'compact_revision'")));
            for (int i = 0; i < READERS; i++) {
                Connection reader = connect(true);
                all.add(reader);
                readers.add(reader);
            }
        } catch (SQLException e) {
            close();
            throw new StoreException("cannot open SQLite database " + file + ": " + e.getMessage(), e);
        }
    }

    private Connection connect(boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        if (readOnly) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA query_only = true");
            }
        }
        return c;
    }

    private static void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS kv (
                      id INTEGER PRIMARY KEY,
                      name TEXT NOT NULL,
                      created INTEGER NOT NULL,
                      deleted INTEGER NOT NULL,
                      create_revision INTEGER NOT NULL,
                      prev_revision INTEGER NOT NULL,
                      version INTEGER NOT NULL,
                      lease INTEGER NOT NULL,
                      value BLOB NOT NULL)""");
            s.executeUpdate("CREATE INDEX IF NOT EXISTS kv_name_id ON kv (name, id)");
            s.executeUpdate("CREATE INDEX IF NOT EXISTS kv_lease ON kv (lease) WHERE lease != 0");
            s.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS lease (
                      id INTEGER PRIMARY KEY,
                      ttl_millis INTEGER NOT NULL,
                      expires_at INTEGER NOT NULL)""");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
        }
    }

    private static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The latest committed revision; watches wait on it. */
    RevisionSignal committed() {
        return committed;
    }

    /**
     * Runs {@code work} in a transaction on the write connection and returns once that transaction is committed
     * (synced to disk), with the new revision published. Writes that arrive while another is committing wait
     * for it and then commit together: one sync for the whole group (group commit). Each runs within its own
     * savepoint, so a write that fails is rolled back alone, hands its revisions out again and throws to its
     * own caller; the others in the group are not affected.
     */
    <T> T write(WriteWork<T> work) {
        PendingWrite<T> mine = new PendingWrite<>(work);
        pending.add(mine);
        writeLock.lock();
        try {
            while (!mine.done()) {
                commitGroup();
            }
        } finally {
            writeLock.unlock();
        }
        try {
            return mine.result();
        } catch (SQLException e) {
            if (SqliteErrors.diskFull(e)) {
                throw new StoreFullException("the store's disk is full: SQLite write to " + file + " failed: "
                        + e.getMessage(), e);
            }
            throw new StoreException("SQLite write to " + file + " failed: " + e.getMessage(), e);
        }
    }

    private void commitGroup() {
        List<PendingWrite<?>> group = new ArrayList<>();
        for (PendingWrite<?> next = pending.poll(); next != null; next = group.size() < MAX_GROUP ? pending.poll() : null) {
            group.add(next);
        }
        long[] last = {committed.current()};
        try {
            writer.setAutoCommit(false);
            runAndCommit(group, last);
            writer.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            group.forEach(write -> write.fail(e));
            return;
        }
        committed.publish(last[0]);
        group.forEach(PendingWrite::complete);
    }

    /**
     * Runs each write of {@code group} in a savepoint of one transaction and commits it. On a full disk SQLite may roll
     * the whole transaction back by itself; then rolling back to a savepoint fails too, and the whole group fails
     * with the first error, the one that says why (later errors, such as "no transaction is active", are only
     * attached to it), leaving the connection in autocommit mode for the next group.
     */
    private void runAndCommit(List<PendingWrite<?>> group, long[] last) throws SQLException {
        try {
            for (PendingWrite<?> write : group) {
                long before = last[0];
                Savepoint savepoint = writer.setSavepoint();
                try {
                    write.run(writer, () -> ++last[0]);
                    writer.releaseSavepoint(savepoint);
                } catch (SQLException | RuntimeException e) {
                    try {
                        writer.rollback(savepoint);
                    } catch (SQLException transactionGone) {
                        e.addSuppressed(transactionGone);
                        throw e;
                    }
                    last[0] = before;
                    write.failed(e);
                }
            }
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            attemptQuietly(e, writer::rollback);
            attemptQuietly(e, () -> writer.setAutoCommit(true));
            throw e;
        }
    }

    /** Runs {@code step}; a failure of it is attached to {@code cause}. */
    private static void attemptQuietly(Exception cause, SqlStep step) {
        try {
            step.run();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @FunctionalInterface
    private interface SqlStep {
        void run() throws SQLException;
    }

    /** Runs {@code work} on a read connection, as of one snapshot per statement. */
    <T> T read(SqlWork<T> work) {
        Connection reader;
        try {
            reader = readers.poll(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a SQLite connection", e);
        }
        if (reader == null) {
            throw new StoreException("no SQLite read connection became free within " + BORROW_TIMEOUT_SECONDS + "s");
        }
        try {
            return work.run(reader);
        } catch (SQLException e) {
            throw new StoreException("SQLite read from " + file + " failed: " + e.getMessage(), e);
        } finally {
            readers.add(reader);
        }
    }

    @Override
    public void close() {
        if (committed != null) {
            committed.close();
        }
        writeLock.lock();
        try {
            for (Connection c : all) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing anyway; the WAL is consistent after every commit
                }
            }
            all.clear();
        } finally {
            writeLock.unlock();
        }
    }
}
