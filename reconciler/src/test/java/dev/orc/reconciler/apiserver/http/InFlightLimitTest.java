package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * The API server serves at most so many mutating and read-only HTTP requests at once: one more is refused at
 * once with 429, a Retry-After header and Kubernetes' Status, the refusals are counted in /metrics, and the place
 * is free again when the request that held it ends.
 */
class InFlightLimitTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Store store;
    private ApiServer server;
    private final CountDownLatch admitted = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        store = SqliteStore.open(dir);
        ApiServerConfig config = ApiServerConfig.of("127.0.0.1", 0, store);
        server = ApiServer.start(config.withLimits(new RequestLimits(5, 1)).withAdmission((type, incoming, existing) -> {
            if (incoming.path("metadata").path("name").asText().equals("slow")) {
                admitted.countDown();
                await(release);
            }
            return config.admission().admit(type, incoming, existing);
        }));
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
        store.close();
    }

    @Test
    void aMutatingRequestBeyondTheLimitIsRefusedAtOnceWith429AndRetryAfter() throws Exception {
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(post("slow"), HttpResponse.BodyHandlers.ofString());
        assertThat(admitted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> refused = http.send(post("fast"), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode status = Json.parse(refused.body());
        assertThat(status.path("reason").asText()).isEqualTo("TooManyRequests");
        assertThat(status.path("details").path("retryAfterSeconds").asInt()).isEqualTo(1);
        assertThat(http.send(get("/api/v1/namespaces/default/configmaps"), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("reads have places of their own").isEqualTo(200);
        String metrics = http.send(get("/metrics"), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("orc_apiserver_rejected_requests_total{request_kind=\"mutating\"} 1",
                "orc_apiserver_current_inflight_requests{request_kind=\"mutating\"} 1");

        release.countDown();
        assertThat(slow.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        assertThat(http.send(post("fast"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
    }

    private HttpRequest post(String name) {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"}}";
        return HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/namespaces/default/configmaps"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the slow request");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
