package dev.orc.reconciler.store.sqlite;

import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.Keys;
import dev.orc.reconciler.store.WatchEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL over the revision table, in the style of k3s's kine: every write appends a row whose id is
 * the new revision; a key's value at revision R is its row with the highest id not above R, unless
 * that row is a deletion.
 */
final class KvTable {
    private static final String COLUMNS = "id, name, deleted, create_revision, prev_revision, version, lease, value";
    private static final byte[] EMPTY = new byte[0];

    private KvTable() {
    }

    static Optional<KvRow> latest(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM kv WHERE name = ? ORDER BY id DESC LIMIT 1")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(row(rs, 1)) : Optional.empty();
            }
        }
    }

    /** The key's live value, empty when it is absent or its latest row is a deletion. */
    static Optional<KvRow> live(Connection c, String name) throws SQLException {
        return latest(c, name).filter(r -> !r.deleted());
    }

    static KvRow insert(Connection c, KvRow row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO kv (" + COLUMNS + ", created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, row.id());
            s.setString(2, row.name());
            s.setInt(3, row.deleted() ? 1 : 0);
            s.setLong(4, row.createRevision());
            s.setLong(5, row.prevRevision());
            s.setLong(6, row.version());
            s.setLong(7, row.lease());
            s.setBytes(8, row.value());
            s.setInt(9, row.createRevision() == row.id() ? 1 : 0);
            s.executeUpdate();
        }
        return row;
    }

    /** A deletion row for {@code live}'s key at {@code revision}. */
    static KvRow tombstone(KvRow live, long revision) {
        return new KvRow(revision, live.name(), true, live.createRevision(), live.id(), 0, 0, EMPTY);
    }

    /**
     * Up to {@code limit} live keys under {@code prefix} after {@code after} (null = from the start), as of
     * {@code revision}. Walks the (name, id) index in key order and keeps each key's newest row at or
     * before the revision, so a page costs its own size, not the size of the rest of the prefix.
     */
    static List<KeyValue> list(Connection c, String prefix, String after, long revision, int limit) throws SQLException {
        String end = Keys.prefixEnd(prefix);
        String sql = "SELECT " + COLUMNS + " FROM kv k INDEXED BY kv_name_id"
                + " WHERE k.name >= ?" + (end == null ? "" : " AND k.name < ?") + " AND k.name > ? AND k.deleted = 0"
                + " AND k.id = (SELECT MAX(n.id) FROM kv n WHERE n.name = k.name AND n.id <= ?)"
                + " ORDER BY k.name LIMIT ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, prefix);
            if (end != null) {
                s.setString(i++, end);
            }
            s.setString(i++, after == null ? "" : after);
            s.setLong(i++, revision);
            s.setInt(i, limit <= 0 ? -1 : limit);
            List<KeyValue> items = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    items.add(row(rs, 1).toKeyValue());
                }
            }
            return items;
        }
    }

    /** The changes under {@code prefix} with revisions in (after, upTo], in order, at most {@code limit}. */
    static List<WatchEvent> events(Connection c, String prefix, long after, long upTo, int limit) throws SQLException {
        String end = Keys.prefixEnd(prefix);
        String sql = "SELECT e.id, e.name, e.deleted, e.create_revision, e.prev_revision, e.version, e.lease, e.value,"
                + " p.id, p.name, p.deleted, p.create_revision, p.prev_revision, p.version, p.lease, p.value"
                + " FROM kv e NOT INDEXED LEFT JOIN kv p ON e.prev_revision != 0 AND p.id = e.prev_revision"
                + " WHERE e.id > ? AND e.id <= ? AND e.name >= ?" + (end == null ? "" : " AND e.name < ?")
                + " ORDER BY e.id LIMIT ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setLong(i++, after);
            s.setLong(i++, upTo);
            s.setString(i++, prefix);
            if (end != null) {
                s.setString(i++, end);
            }
            s.setInt(i, limit);
            List<WatchEvent> events = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    KvRow row = row(rs, 1);
                    rs.getLong(9);
                    KeyValue prev = rs.wasNull() ? null : row(rs, 9).toKeyValue();
                    events.add(row.deleted()
                            ? new WatchEvent(WatchEvent.Type.DELETE, new KeyValue(row.name(), EMPTY, 0, row.id(), 0, 0), prev)
                            : new WatchEvent(WatchEvent.Type.PUT, row.toKeyValue(), prev));
                }
            }
            return events;
        }
    }

    /** The live keys attached to {@code lease}. */
    static List<KvRow> attachedTo(Connection c, long lease) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM kv k WHERE lease = ? AND deleted = 0"
                + " AND id = (SELECT MAX(id) FROM kv WHERE name = k.name) ORDER BY name")) {
            s.setLong(1, lease);
            List<KvRow> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs, 1));
                }
            }
            return rows;
        }
    }

    /**
     * Deletes the rows with ids in (from, to] that no read at or after {@code compactRevision} needs:
     * deletions, and rows superseded by another write at or before it.
     */
    static int compact(Connection c, long from, long to, long compactRevision) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM kv WHERE id > ? AND id <= ? AND (deleted = 1"
                + " OR EXISTS (SELECT 1 FROM kv n WHERE n.name = kv.name AND n.id > kv.id AND n.id <= ?))")) {
            s.setLong(1, from);
            s.setLong(2, to);
            s.setLong(3, compactRevision);
            return s.executeUpdate();
        }
    }

    private static KvRow row(ResultSet rs, int first) throws SQLException {
        byte[] value = rs.getBytes(first + 7);
        return new KvRow(rs.getLong(first), rs.getString(first + 1), rs.getInt(first + 2) != 0, rs.getLong(first + 3),
                rs.getLong(first + 4), rs.getLong(first + 5), rs.getLong(first + 6), value == null ? EMPTY : value);
    }
}
