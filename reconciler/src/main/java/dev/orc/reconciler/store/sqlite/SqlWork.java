package dev.orc.reconciler.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

/** A read on one connection. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
