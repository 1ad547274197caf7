package dev.orc.bench;

import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.ClientConfig;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.store.sqlite.SqliteStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** An API server of its own for a benchmark: SQLite in a temporary directory, plain HTTP on a free loopback port. */
final class LoopbackApi implements AutoCloseable {
    private final Path dir;
    private final SqliteStore store;
    private final ApiServer server;
    private final ApiClient client;

    private LoopbackApi(Path dir, SqliteStore store, ApiServer server, ApiClient client) {
        this.dir = dir;
        this.store = store;
        this.server = server;
        this.client = client;
    }

    static LoopbackApi start() throws IOException {
        Path dir = Files.createTempDirectory("orc-bench-api");
        SqliteStore store = SqliteStore.open(dir);
        try {
            ApiServer server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store));
            return new LoopbackApi(dir, store, server,
                    ApiClient.connect(new ClientConfig(server.url(), null, null, ClientConfig.DEFAULT_NAMESPACE)));
        } catch (RuntimeException e) {
            store.close();
            deleteRecursively(dir);
            throw e;
        }
    }

    /** A client over HTTP, as the benchmark's load comes from outside the server. */
    ApiClient client() {
        return client;
    }

    /** A client inside the server's process, as {@code orc server} gives its scheduler and controllers. */
    ApiClient localClient() {
        return server.localClient(ApiTransport.http(new ClientConfig(server.url(), null, null,
                ClientConfig.DEFAULT_NAMESPACE), ApiClient.DEFAULT_REQUEST_TIMEOUT));
    }

    Path directory() {
        return dir;
    }

    @Override
    public void close() {
        server.close();
        store.close();
        deleteRecursively(dir);
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
