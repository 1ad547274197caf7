package dev.orc.reconciler.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.LongSupplier;

/** A write transaction; {@code nextRevision} hands out the revisions of the rows it inserts. */
@FunctionalInterface
interface WriteWork<T> {
    T run(Connection connection, LongSupplier nextRevision) throws SQLException;
}
