package dev.orc.reconciler.store.sqlite;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;

/** What an SQLite error means for the store. */
final class SqliteErrors {
    private SqliteErrors() {
    }

    /** SQLITE_FULL: the disk (or the database's size limit) left no room for the write. */
    static boolean diskFull(SQLException error) {
        return error instanceof SQLiteException sqlite && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_FULL;
    }
}
