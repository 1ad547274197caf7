package dev.orc.reconciler.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Leases: an id, a TTL and the wall-clock millisecond at which it expires. */
final class LeaseTable {
    private LeaseTable() {
    }

    static boolean insert(Connection c, long id, long ttlMillis, long nowMillis) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO lease (id, ttl_millis, expires_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            s.setLong(1, id);
            s.setLong(2, ttlMillis);
            s.setLong(3, nowMillis + ttlMillis);
            return s.executeUpdate() == 1;
        }
    }

    /** When the lease expires (wall-clock milliseconds), empty when there is no such lease. */
    static OptionalLong expiresAt(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT expires_at FROM lease WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** Renews an unexpired lease for its full TTL; false when there is no such unexpired lease. */
    static boolean renew(Connection c, long id, long nowMillis) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE lease SET expires_at = ? + ttl_millis WHERE id = ? AND expires_at > ?")) {
            s.setLong(1, nowMillis);
            s.setLong(2, id);
            s.setLong(3, nowMillis);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Gives every lease at least its full TTL from now, as etcd does when a new leader takes over: the
     * holders could not renew while the store was down.
     */
    static void renewAll(Connection c, long nowMillis) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE lease SET expires_at = MAX(expires_at, ? + ttl_millis)")) {
            s.setLong(1, nowMillis);
            s.executeUpdate();
        }
    }

    static boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM lease WHERE id = ?")) {
            s.setLong(1, id);
            return s.executeUpdate() == 1;
        }
    }

    static List<Long> expired(Connection c, long nowMillis) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM lease WHERE expires_at <= ? ORDER BY id LIMIT 1000")) {
            s.setLong(1, nowMillis);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }
}
