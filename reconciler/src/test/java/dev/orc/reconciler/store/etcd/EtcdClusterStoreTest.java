package dev.orc.reconciler.store.etcd;

import dev.orc.reconciler.apiserver.ApiClient;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreContractTest;
import dev.orc.reconciler.store.StoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The store contract against a 3-member etcd cluster on loopback, as users run etcd; and what the store does
 * when members go: one lost changes nothing, two lost fail writes naming the store, and all comes back with them.
 */
class EtcdClusterStoreTest extends StoreContractTest {
    @TempDir
    static Path dir;
    private static LocalEtcdCluster etcd;
    private static final String CONFIG_MAPS = "/api/v1/namespaces/default/configmaps";

    @BeforeAll
    static void startCluster() {
        EtcdFixture.requireEtcd("the etcd cluster tests");
        etcd = LocalEtcdCluster.start(dir, 3);
    }

    @AfterAll
    static void stopCluster() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Override
    protected Store openStore() {
        return EtcdStore.open(new EtcdConfig(etcd.endpoints(), null, null, null, null, null, Duration.ofSeconds(3),
                Duration.ofSeconds(5)));
    }

    /** Every member restarted in turn: the cluster keeps its quorum throughout. */
    @Override
    protected Store restart(Store current) {
        for (int i = 0; i < 3; i++) {
            etcd.member(i).restart();
        }
        return current;
    }

    @Override
    protected boolean watchesSurviveRestart() {
        return true;
    }

    @Test
    void oneMemberLostChangesNothingTwoLostFailWritesNamingTheStoreAndAllRecovers() {
        try (Store store = openStore()) {
            String key = "/quorum/" + System.nanoTime();
            etcd.member(0).stop();
            try {
                long written = store.create(key, new byte[] {1}, 0).modRevision();
                assertThat(store.get(key)).isPresent();

                etcd.member(1).stop();
                try {
                    assertThatThrownBy(() -> store.update(key, new byte[] {2}, written, 0))
                            .isInstanceOf(StoreException.class).hasMessageContaining("etcd");
                    assertThat(store.getWithoutQuorum(key).orElseThrow().modRevision()).isEqualTo(written);
                } finally {
                    etcd.member(1).resume();
                }
            } finally {
                etcd.member(0).resume();
            }
            await("writes accepted again").atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                    store.update(key, new byte[] {3}, store.get(key).orElseThrow().modRevision(), 0));
            assertThat(store.get(key).orElseThrow().value()).containsExactly(3);
        }
    }

    @Test
    void withoutAQuorumWritesAre503NamingTheStoreReadsSayTheyMayBeStaleAndReadyzSaysSoUntilTheMembersReturn() {
        try (Store store = openStore(); ApiServer server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store))) {
            ApiClient client = new ApiClient(server.url(), null);
            String before = client.post(CONFIG_MAPS, configMap("before")).body().at("/metadata/name").asText();
            etcd.member(1).stop();
            etcd.member(2).stop();
            try {
                ApiClient.Response read = client.get(CONFIG_MAPS + "/" + before);
                assertThat(read.code()).as(read.body().toString()).isEqualTo(200);
                assertThat(read.headers().allValues("Warning")).singleElement().asString().startsWith("299 - \"the store "
                        + "is unavailable").contains("may be stale");
                assertThat(client.get(CONFIG_MAPS).body().path("items").findValuesAsText("name")).contains(before);
                ApiClient.Response refused = client.post(CONFIG_MAPS, configMap("during"));
                assertThat(refused.code()).as(refused.body().toString()).isEqualTo(503);
                assertThat(refused.body().path("reason").asText()).isEqualTo("ServiceUnavailable");
                assertThat(refused.body().path("message").asText()).startsWith("the store is unavailable: ").contains("etcd");
                assertThat(client.get("/readyz").code()).isEqualTo(503);
            } finally {
                etcd.member(1).resume();
                etcd.member(2).resume();
            }
            await("the API writes again").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(client.post(CONFIG_MAPS, configMap("after")).code()).isEqualTo(201));
            assertThat(client.get("/readyz").code()).isEqualTo(200);
        }
    }

    private static Map<String, Object> configMap(String name) {
        return Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", name + "-" + System.nanoTime()),
                "data", Map.of("k", "v"));
    }
}
