package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.reconciler.apiserver.ApiClient;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.Fixtures;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lists of any version ({@code resourceVersion=0}) over real HTTP: answered from the watch cache, with no store read,
 * holding what a consistent list from the store holds, selectors and namespaces applied, at a version a watch can
 * start from; lists that page, and consistent lists, still read the store (the server's store metrics count the reads).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachedListsTest {
    private static final String NS = "cached";
    private static final String PODS = "/api/v1/namespaces/" + NS + "/pods";

    private final HttpClient http = HttpClient.newHttpClient();
    private Store store;
    private ApiServer server;
    private ApiClient api;

    @BeforeAll
    void start() throws IOException {
        store = SqliteStore.open(Files.createTempDirectory("orc-cached-lists"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store)
                .withAuthenticator(new TokenAuthenticator(Map.of("t", "admin"))));
        api = new ApiClient(server.url(), "t");
        for (String ns : new String[] {NS, "elsewhere"}) {
            assertThat(api.post("/api/v1/namespaces", Fixtures.namespace(ns)).code()).isEqualTo(201);
        }
        for (String[] pod : new String[][] {{"web-1", "web"}, {"web-2", "web"}, {"db-1", "db"}, {"gone", "web"}}) {
            assertThat(api.post(PODS, Fixtures.pod(pod[0], pod[1])).code()).isEqualTo(201);
        }
        assertThat(api.post("/api/v1/namespaces/elsewhere/pods", Fixtures.pod("web-9", "web")).code()).isEqualTo(201);
        assertThat(api.patch(PODS + "/web-2", "application/merge-patch+json",
                Map.of("metadata", Map.of("labels", Map.of("app", "web", "tier", "front")))).code()).isEqualTo(200);
        assertThat(api.delete(PODS + "/gone").code()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {PODS, "/api/v1/pods", PODS + "?labelSelector=app%3Dweb",
            PODS + "?fieldSelector=metadata.name%3Ddb-1", "/apis/apps/v1/namespaces/" + NS + "/deployments"})
    void aListOfAnyVersionHoldsWhatTheStoreHoldsAndReadsNoStore(String path) throws Exception {
        String anyVersion = path + (path.contains("?") ? "&" : "?") + "resourceVersion=0";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get(anyVersion).body().get("items")).isEqualTo(api.get(path).body().get("items")));
        long reads = storeLists();

        ApiClient.Response cached = api.get(anyVersion);

        assertThat(storeLists()).as("store lists").isEqualTo(reads);
        assertThat(cached.code()).isEqualTo(200);
        JsonNode fromStore = api.get(path).body();
        assertThat(cached.body().get("kind")).isEqualTo(fromStore.get("kind"));
        assertThat(cached.body().get("apiVersion")).isEqualTo(fromStore.get("apiVersion"));
        assertThat(cached.body().get("items")).isEqualTo(fromStore.get("items"));
        assertThat(cached.body().at("/metadata/resourceVersion").asLong()).isPositive();
    }

    @Test
    void consistentAndPagedListsReadTheStore() throws Exception {
        long reads = storeLists();
        assertThat(api.get(PODS).code()).isEqualTo(200);
        assertThat(storeLists()).isEqualTo(reads + 1);

        assertThat(api.get(PODS + "?resourceVersion=0&limit=1").body().get("items")).hasSize(1);
        assertThat(storeLists()).isEqualTo(reads + 2);
    }

    @Test
    void aWatchFromTheVersionOfACachedListGetsTheChangesAfterIt() {
        String version = api.get(PODS + "?resourceVersion=0").body().at("/metadata/resourceVersion").asText();

        try (ApiClient.WatchStream watch = api.watch(PODS + "?watch=true&resourceVersion=" + version)) {
            assertThat(api.post(PODS, Fixtures.pod("web-3", "web")).code()).isEqualTo(201);

            JsonNode event = watch.next();
            assertThat(event.path("type").asText()).isEqualTo("ADDED");
            assertThat(event.at("/object/metadata/name").asText()).isEqualTo("web-3");
        }
        assertThat(api.delete(PODS + "/web-3").code()).isEqualTo(200);
    }

    /** The store lists the server has made so far, from its metrics. */
    private long storeLists() throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(server.url().resolve("/metrics")).header("Authorization", "Bearer t")
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("orc_store_request_duration_seconds_count{operation=\"list\"}"))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
