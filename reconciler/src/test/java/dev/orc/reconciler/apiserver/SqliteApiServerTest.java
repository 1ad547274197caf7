package dev.orc.reconciler.apiserver;

import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The API contract on the embedded SQLite store. */
class SqliteApiServerTest extends ApiServerContractTest {
    @Override
    protected Store openStore() {
        try {
            return SqliteStore.open(Files.createTempDirectory("orc-api-sqlite"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
