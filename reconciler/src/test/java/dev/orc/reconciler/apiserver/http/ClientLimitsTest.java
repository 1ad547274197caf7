package dev.orc.reconciler.apiserver.http;

import dev.orc.api.json.Json;
import dev.orc.reconciler.apiserver.ApiClient;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.apiserver.watch.WatchSettings;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What one client may hold of the server: a bounded number of open watches per user, and lists in bounded pages. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientLimitsTest {
    private Store store;
    private ApiServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        store = SqliteStore.open(Files.createTempDirectory("orc-limits"));
        WatchSettings watch = new WatchSettings(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMillis(200), 1000,
                5000, WatchSettings.DEFAULT_WINDOW_BYTES).withMaxWatchesPerUser(2);
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store).withWatch(watch)
                .withAuthenticator(new TokenAuthenticator(Map.of("alice-token", "alice", "bob-token", "bob"))));
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    private HttpResponse<InputStream> watch(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url()
                        + "/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void aUserPastItsOpenWatchesGets429AndOthersAreNotHeldBack() throws Exception {
        HttpResponse<InputStream> first = watch("alice-token");
        HttpResponse<InputStream> second = watch("alice-token");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);

        HttpResponse<InputStream> third = watch("alice-token");

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(Json.parse(third.body().readAllBytes()).path("message").asText())
                .isEqualTo("user \"alice\" has 2 watches open, the most one user may have; close one or retry");
        HttpResponse<InputStream> bobs = watch("bob-token");
        assertThat(bobs.statusCode()).isEqualTo(200);
        bobs.body().close();

        first.body().close();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpResponse<InputStream> again = watch("alice-token");
            if (again.statusCode() == 200) {
                again.body().close();
                return true;
            }
            again.body().close();
            return false;
        });
        second.body().close();
    }

    @Test
    void aLimitPastTheMostIsReadAsTheMostNotWrappedAround() {
        ApiClient api = new ApiClient(server.url(), "bob-token");
        for (String name : new String[] {"a", "b"}) {
            api.post("/api/v1/namespaces/default/configmaps", Json.parse(
                    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"}}"));
        }

        ApiClient.Response list = api.get("/api/v1/namespaces/default/configmaps?limit=4294967297");

        assertThat(list.code()).isEqualTo(200);
        assertThat(list.body().path("items")).hasSize(2);
    }
}
