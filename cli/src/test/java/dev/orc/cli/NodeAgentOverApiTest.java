package dev.orc.cli;

import dev.orc.node.testing.DockerForTests;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Container;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Node;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.model.ServiceSpec;
import dev.orc.node.ApiNodeApi;
import dev.orc.node.NodeAgent;
import dev.orc.node.NodeConfig;
import dev.orc.node.NodeNetworkConfig;
import dev.orc.node.pod.PodLabels;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.docker.DockerRuntime;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

/** The node agent against the real API server (SQLite store) through the real client, on real Docker. */
class NodeAgentOverApiTest {

    /** DNS on loopback, its upstream the discard port of loopback (nothing here asks it); no proxy. */
    private static final NodeNetworkConfig LOOPBACK_DNS_ONLY = new NodeNetworkConfig(false, true,
            Optional.of(new InetSocketAddress("127.0.0.1", 0)), List.of(new InetSocketAddress("127.0.0.1", 9)),
            NodeNetworkConfig.DEFAULT_DOMAIN);

    private final String node = "api-" + UUID.randomUUID().toString().substring(0, 8);
    private SqliteStore store;
    private ApiServer server;
    private ApiClient client;
    private DockerRuntime runtime;
    private NodeAgent agent;

    @BeforeEach
    void start(@TempDir Path dir) {
        runtime = DockerForTests.connectWithBusybox();
        store = SqliteStore.open(dir);
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store));
        client = ApiClient.connect(ClientConfig.empty().withServer("http://127.0.0.1:" + server.port()));
        agent = NodeAgent.start(NodeConfig.defaults(node, dir).withAddress("127.0.0.1")
                .withResync(Duration.ofMillis(300)).withNetwork(LOOPBACK_DNS_ONLY), new ApiNodeApi(client), runtime,
                Clock.systemUTC(), "test");
    }

    @AfterEach
    void stop() {
        agent.close();
        runtime.list(PodLabels.ofNode(node)).forEach(c -> runtime.remove(c.id()));
        runtime.close();
        server.close();
        store.close();
    }

    @Test
    void podBoundToTheNodeRunsReportsStatusAndGoesAwayGracefully() {
        Node registered = Json.convert(client.get(ResourceTypes.NODE, null, node), Node.class);
        assertThat(registered.status().ready()).isTrue();
        assertThat(registered.status().daemonEndpoints().kubeletEndpoint().port()).isEqualTo(agent.logPort());
        assertThat(registered.metadata().labels()).containsEntry("kubernetes.io/hostname", node);

        Pod pod = Pod.of(ObjectMeta.of("default", "web"), PodSpec.of(Container.of("app", "orc/busybox:1")
                .withCommand(List.of("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"), null))
                .withNodeName(node));
        client.create(ResourceTypes.POD, "default", (ObjectNode) Json.tree(pod), WriteOptions.defaults());

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            Pod current = Json.convert(client.get(ResourceTypes.POD, "default", "web"), Pod.class);
            assertThat(current.status().phase()).isEqualTo("Running");
            assertThat(current.status().ready()).isTrue();
            assertThat(current.status().containerStatuses().getFirst().containerID()).startsWith("docker://");
        });

        client.delete(ResourceTypes.POD, "default", "web", DeleteOptions.defaults());
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            try {
                client.get(ResourceTypes.POD, "default", "web");
                fail("pod still there");
            } catch (ApiException e) {
                assertThat(e.isNotFound()).isTrue();
            }
        });
        assertThat(runtime.list(PodLabels.ofNode(node))).isEmpty();
    }

    @Test
    void servicesAndEndpointsOfEveryNamespaceReachTheAgentAndLeaveItWhenDeleted() {
        Service service = Service.of(ObjectMeta.of("default", "db"),
                ServiceSpec.of(Map.of("app", "db"), List.of(new ServicePort("pg", "TCP", null, 5432, null, null)))
                        .withClusterIP(ServiceSpec.NONE));
        Endpoints endpoints = Endpoints.of(ObjectMeta.of("default", "db"), List.of(new Endpoints.Subset(
                List.of(new Endpoints.Address("127.0.0.1", null, node, null)), List.of(),
                List.of(new Endpoints.Port("pg", 31543, "TCP", null)))));
        client.create(ResourceTypes.SERVICE, "default", (ObjectNode) Json.tree(service), WriteOptions.defaults());
        client.create(ResourceTypes.ENDPOINTS, "default", (ObjectNode) Json.tree(endpoints), WriteOptions.defaults());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(agent.services().snapshot().services()).extracting(Service::name).contains("db");
            assertThat(agent.services().snapshot().endpoints()).extracting(Endpoints::name).contains("db");
        });

        client.delete(ResourceTypes.SERVICE, "default", "db", DeleteOptions.defaults());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(agent.services().snapshot().services()).extracting(Service::name).doesNotContain("db"));
    }
}
