package dev.orc.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The SQLite file of a control plane's data directory, read beside the running server (WAL mode lets a reader in):
 * what the API does not show, such as the Service allocation claims, and whether the file is intact.
 */
record StoreFile(Path file) {
    static StoreFile in(Path dataDir) {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return new StoreFile(files.filter(f -> f.getFileName().toString().equals("orc.db")).findFirst()
                    .orElseThrow(() -> new AssertionError("no orc.db under " + dataDir)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The live keys under {@code prefix} (the newest revision of each, if not a deletion) and their values. */
    Map<String, String> live(String prefix) {
        String sql = """
                SELECT name, value FROM kv k
                WHERE name >= ? AND name < ? AND deleted = 0 AND id = (SELECT max(id) FROM kv WHERE name = k.name)""";
        Map<String, String> values = new TreeMap<>();
        try (Connection c = connect(); var statement = c.prepareStatement(sql)) {
            statement.setString(1, prefix);
            statement.setString(2, prefix + Character.MAX_VALUE);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.put(rows.getString(1).substring(prefix.length()), new String(rows.getBytes(2), StandardCharsets.UTF_8));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** What {@code PRAGMA integrity_check} finds: {@code [ok]} for an intact file. */
    List<String> integrityCheck() {
        List<String> problems = new ArrayList<>();
        try (Connection c = connect(); Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            while (rows.next()) {
                problems.add(rows.getString(1));
            }
            return problems;
        } catch (SQLException e) {
            throw new AssertionError("cannot check " + file + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro");
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
        }
        return c;
    }
}
