package dev.orc.reconciler.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.LongSupplier;

/**
 * One caller's write waiting for a group commit: its outcome is held back until the transaction it ran in
 * has committed (or failed as a whole), and only then handed to the caller.
 */
final class PendingWrite<T> {
    private final WriteWork<T> work;
    private T value;
    private Exception failure;
    private boolean done;

    PendingWrite(WriteWork<T> work) {
        this.work = work;
    }

    /** Runs the work inside the open transaction and keeps its outcome until {@link #complete()} or {@link #fail}. */
    void run(Connection connection, LongSupplier nextRevision) throws SQLException {
        value = work.run(connection, nextRevision);
    }

    /** The work threw: that is its outcome whatever becomes of the transaction. */
    void failed(Exception e) {
        failure = e;
        value = null;
    }

    /** The transaction committed. */
    void complete() {
        done = true;
    }

    /** The transaction was lost: a write that had succeeded inside it fails after all. */
    void fail(Exception e) {
        if (failure == null) {
            failure = e;
            value = null;
        }
        done = true;
    }

    boolean done() {
        return done;
    }

    /** The work's result, or its failure thrown: unchecked as is, a {@link SQLException} as given. */
    T result() throws SQLException {
        if (failure instanceof SQLException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        return value;
    }
}
