package dev.orc.cli;

import dev.orc.node.testing.DockerForTests;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.model.ServiceSpec;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code orc node} as its own process against an in-process API server: SIGTERM stops it cleanly, taking away the
 * service and DNS addresses it added to {@code lo}. DNS forwards to loopback's discard port; nothing leaves the host.
 */
class NodeCommandStopTest {
    private final String node = "stop-" + UUID.randomUUID().toString().substring(0, 8);
    private final String dnsIp = "10.98." + ThreadLocalRandom.current().nextInt(200, 208) + "."
            + ThreadLocalRandom.current().nextInt(2, 254);
    private final String serviceIp = "10.96." + ThreadLocalRandom.current().nextInt(200, 208) + "."
            + ThreadLocalRandom.current().nextInt(2, 254);
    private SqliteStore store;
    private ApiServer server;
    private ApiClient client;
    private Process process;

    @BeforeEach
    void startServer(@TempDir Path dir) {
        DockerForTests.require();
        store = SqliteStore.open(dir);
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store));
        client = ApiClient.connect(ClientConfig.empty().withServer("http://127.0.0.1:" + server.port()));
    }

    @AfterEach
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        server.close();
        store.close();
    }

    @Test
    void sigtermStopsTheAgentAndRemovesTheAddressesItAdded(@TempDir Path dir) throws Exception {
        Service service = Service.of(ObjectMeta.of("default", "web"), ServiceSpec.of(Map.of("app", "web"),
                List.of(ServicePort.of(80, IntOrString.of(8080)))).withClusterIP(serviceIp));
        client.create(ResourceTypes.SERVICE, "default", (ObjectNode) Json.tree(service), WriteOptions.defaults());
        Path log = dir.resolve("node.log");
        Path token = Files.writeString(dir.resolve("token"), "t\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Orc.class.getName(), "node",
                "--server", "http://127.0.0.1:" + server.port(), "--token-file", token.toString(), "--name", node,
                "--address", "127.0.0.1", "--log-port", "0", "--data-dir", dir.toString(),
                "--dns-address", dnsIp, "--dns-upstream", "127.0.0.1:9")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(process.isAlive()).as("orc node running; its output:%n%s", Files.readString(log)).isTrue();
            assertThat(registered()).isTrue();
            assertThat(isLocal(dnsIp)).as("DNS address " + dnsIp + " added").isTrue();
            assertThat(isLocal(serviceIp)).as("service address " + serviceIp + " added").isTrue();
        });

        process.destroy();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
        assertThat(Files.readString(log)).contains("stopping").doesNotContain("Exception");
        assertThat(isLocal(dnsIp)).as("DNS address " + dnsIp + " removed").isFalse();
        assertThat(isLocal(serviceIp)).as("service address " + serviceIp + " removed").isFalse();
    }

    private boolean registered() {
        try {
            client.get(ResourceTypes.NODE, null, node);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    private static boolean isLocal(String ip) throws Exception {
        return NetworkInterface.getByInetAddress(InetAddress.getByName(ip)) != null;
    }
}
