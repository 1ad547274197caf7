package dev.orc.cli.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.controller.nodelifecycle.NodeLifecycleConfig;
import dev.orc.reconciler.join.WrongClusterTokenException;
import dev.orc.reconciler.store.etcd.LocalEtcd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Servers on one etcd joined with a cluster token share credentials and encryption keys; a wrong token is refused. */
class ClusterTokenTest {
    @TempDir
    static Path dir;
    private static LocalEtcd etcd;

    @BeforeAll
    static void startEtcd() {
        if (LocalEtcd.findBinary() == null) {
            String why = "etcd is not installed (apt-get install etcd-server); the cluster token test needs it";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
        etcd = LocalEtcd.start(dir.resolve("etcd"));
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    void serversWithOneTokenShareTokensCaAndSecretsAndAWrongTokenIsRefusedHavingChangedNothing() throws Exception {
        try (ServerRunner a = start("a", "one-cluster-token"); ServerRunner b = start("b", "one-cluster-token")) {
            ClientConfig viaA = ClientConfig.read(dir.resolve("a/config"));
            ClientConfig viaB = ClientConfig.read(dir.resolve("b/config"));
            assertThat(viaB.token()).isEqualTo(viaA.token());

            ApiClient.connect(viaA).create(ResourceTypes.SECRET, "default", secret("shared", "hunter2"), WriteOptions.defaults());

            ClientConfig aCredentialsAtB = new ClientConfig(URI.create(b.server().url().toString()), viaA.token(),
                    viaA.certificateAuthority(), "default");
            ObjectNode read = ApiClient.connect(aCredentialsAtB).get(ResourceTypes.SECRET, "default", "shared");
            assertThat(new String(Base64.getDecoder().decode(read.at("/data/password").asText()))).isEqualTo("hunter2");

            assertThatThrownBy(() -> start("c", "a-guessed-cluster-token")).isInstanceOf(WrongClusterTokenException.class)
                    .hasMessageContaining("cluster token does not match");
            assertThat(dir.resolve("c")).doesNotExist();
        }
    }

    private static ServerRunner start(String name, String token) throws InterruptedException {
        String store = "etcd://" + etcd.endpoint().substring("http://".length());
        return ServerRunner.start(new ServerOptions(store, "127.0.0.1:0", dir.resolve(name), false,
                        dir.resolve(name).resolve("config")), Optional.empty(), NodeLifecycleConfig.defaults(),
                ClusterOptions.defaults().withClusterToken(token));
    }

    private static ObjectNode secret(String name, String password) {
        ObjectNode secret = Json.object().put("apiVersion", "v1").put("kind", "Secret");
        secret.putObject("metadata").put("name", name);
        secret.putObject("stringData").put("password", password);
        return secret;
    }
}
