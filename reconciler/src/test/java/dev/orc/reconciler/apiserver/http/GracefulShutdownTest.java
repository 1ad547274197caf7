package dev.orc.reconciler.apiserver.http;

import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WatchEvent;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.client.WatchListener;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the server ends every watch at once (their clients re-watch elsewhere) but lets a request in flight
 * finish, then closes.
 */
class GracefulShutdownTest {
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;
    private Store store;
    private final CountDownLatch admitted = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        store.close();
    }

    @Test
    void closingEndsWatchesAtOnceAndDrainsTheRequestInFlight() throws Exception {
        store = SqliteStore.open(dir);
        ApiServerConfig config = ApiServerConfig.of("127.0.0.1", 0, store);
        ApiServer server = ApiServer.start(config.withAdmission((type, incoming, existing) -> {
            if (incoming.path("metadata").path("name").asText().equals("slow")) {
                admitted.countDown();
                awaitRelease();
            }
            return config.admission().admit(type, incoming, existing);
        }));
        ApiClient client = ApiClient.connect(new ClientConfig(server.url(), null, null, "default"));
        CompletableFuture<ApiException> watchEnded = new CompletableFuture<>();
        WatchHandle watch = client.watch(ResourceTypes.CONFIG_MAP, "default", ListOptions.all().withBookmarks(true),
                new WatchListener() {
                    @Override
                    public void onEvent(WatchEvent event) {
                    }

                    @Override
                    public void onClose(ApiException failure) {
                        watchEnded.complete(failure);
                    }
                });
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"slow\"}}";
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(HttpRequest.newBuilder(
                        URI.create(server.url() + "/api/v1/namespaces/default/configmaps"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(admitted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

        watchEnded.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(watch.awaitClosed(Duration.ofSeconds(WAIT_SECONDS))).isTrue();
        assertThat(slow).isNotDone();
        assertThat(closing).isNotDone();
        release.countDown();
        assertThat(slow.get(WAIT_SECONDS, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        closing.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private void awaitRelease() {
        try {
            if (!release.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the slow request");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
