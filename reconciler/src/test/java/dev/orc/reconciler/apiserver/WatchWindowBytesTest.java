package dev.orc.reconciler.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.apiserver.watch.WatchSettings;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A watch window bounded in bytes, over HTTP: a resourceVersion still in the window resumes from the cache even
 * after the store compacted it away; one that fell out of the window is answered by the store, 410 once compacted.
 */
class WatchWindowBytesTest {
    private static final String TOKEN = "test-token";
    private static final String CONFIG_MAPS = "/api/v1/namespaces/default/configmaps";
    /** About four changes of a ConfigMap of 1,000 characters (each holds the object after and before). */
    private static final long WINDOW_BYTES = 9_000;

    @TempDir
    Path dir;
    private SqliteStore store;
    private ApiServer server;
    private ApiClient api;

    @BeforeEach
    void start() {
        store = SqliteStore.open(dir);
        WatchSettings watch = new WatchSettings(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMinutes(1), 1000,
                1000, WINDOW_BYTES);
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store).withWatch(watch)
                .withAuthenticator(new TokenAuthenticator(Map.of(TOKEN, "admin"))));
        api = new ApiClient(server.url(), TOKEN);
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void aWatchResumesFromTheWindowAndOneOlderThanItIsGoneOnceCompacted() {
        long first = ApiServerContractTest.rv(api.post(CONFIG_MAPS, Fixtures.configMap("big", value(0))).body());
        long recent = first;
        for (int i = 1; i <= 10; i++) {
            recent = ApiServerContractTest.rv(api.put(CONFIG_MAPS + "/big", Fixtures.configMap("big", value(i))).body());
        }
        api.put(CONFIG_MAPS + "/big", Fixtures.configMap("big", value(11)));
        store.compact(store.currentRevision());

        try (ApiClient.WatchStream watch = api.watch(CONFIG_MAPS + "?watch=true&resourceVersion=" + recent)) {
            JsonNode next = watch.next();
            assertThat(next.get("type").asText()).isEqualTo("MODIFIED");
            assertThat(next.get("object").get("data").get("key").asText()).isEqualTo(value(11));
        }
        ApiClient.Response gone = api.get(CONFIG_MAPS + "?watch=true&resourceVersion=" + first);
        assertThat(gone.code()).isEqualTo(410);
        assertThat(gone.body().get("reason").asText()).isEqualTo("Expired");
    }

    private static String value(int i) {
        return String.valueOf((char) ('a' + i)).repeat(1000);
    }
}
