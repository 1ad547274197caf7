package dev.orc.reconciler.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Named numbers kept beside the revision table (the compaction revision). */
final class MetaTable {
    static final String COMPACT_REVISION = "compact_revision";

    private MetaTable() {
    }

    static long get(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    static void put(Connection c, String name, long value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            s.setString(1, name);
            s.setLong(2, value);
            s.executeUpdate();
        }
    }
}
