package dev.orc.reconciler.store.sqlite;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A child process for the crash test: writes keys without end and prints each one once it is acknowledged. */
public final class SqliteWriterProcess {
    private SqliteWriterProcess() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (SqliteStore store = SqliteStore.open(Path.of(args[0]))) {
            for (long i = 0; i < 1_000_000; i++) {
                String key = "/crash/" + i;
                store.create(key, ("value " + i).getBytes(StandardCharsets.UTF_8), 0);
                out.println(key);
            }
        }
    }
}
