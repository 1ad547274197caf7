package dev.orc.node;

import dev.orc.api.model.ContainerPort;
import dev.orc.api.model.ContainerStatus;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodHostPorts;
import dev.orc.api.model.PodStatus;
import dev.orc.node.net.UncheckedTls;
import dev.orc.node.pod.PodLabels;
import dev.orc.node.pod.Pods;
import dev.orc.node.runtime.ContainerInfo;
import dev.orc.node.runtime.ContainerNotFoundException;
import dev.orc.node.runtime.ContainerSummary;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.docker.DockerRuntime;
import dev.orc.node.testing.DockerForTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How pods hold their network on the real Docker engine: a pod of one container runs as that one container, which
 * publishes the pod's ports itself and keeps them across restarts; containers of a pod of several share localhost
 * through the infra container. Each run uses its own node name and removes its containers afterwards.
 */
class PodNetworkDockerTest {

    private static final Duration BOUND = Duration.ofSeconds(40);
    /** Serves, on port 8080, a page naming this attempt of the container, which it also logs. */
    private static final String SERVE_ATTEMPT = "mkdir -p /www && cat /proc/sys/kernel/random/uuid > /www/index.html"
            + " && cat /www/index.html && exec httpd -f -p 8080 -h /www";
    private static DockerRuntime runtime;

    private final String node = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final RegistryNodeApi api = new RegistryNodeApi();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final HttpClient nodeEndpoint = UncheckedTls.client();
    private NodeAgent agent;

    @BeforeAll
    static void connect() {
        runtime = DockerForTests.connectWithBusybox();
    }

    @AfterAll
    static void disconnect() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @BeforeEach
    void startAgent() {
        NodeConfig config = NodeConfig.defaults(node, Path.of("target", node)).withServerKey(ServerKey.publicKey())
                .withAddress("127.0.0.1")
                .withCrashLoop(Duration.ofSeconds(1), Duration.ofSeconds(8))
                .withResync(Duration.ofMillis(300))
                .withNetwork(NodeNetworkConfig.OFF);
        agent = NodeAgent.start(config, api, runtime, Clock.systemUTC(), "test");
    }

    @AfterEach
    void removeContainers() {
        agent.close();
        api.close();
        for (ContainerSummary c : runtime.list(PodLabels.ofNode(node))) {
            try {
                runtime.remove(c.id());
            } catch (ContainerNotFoundException removedByALastSync) {
                continue;
            }
        }
    }

    private Pod add(Pods pod) {
        return api.put(pod.node(node).namespace(node).build());
    }

    private Pod current(Pod pod) {
        return api.pod(pod.metadata().uid()).orElseThrow();
    }

    private ContainerStatus container(Pod pod, String name) {
        PodStatus status = current(pod).status();
        assertThat(status).as("status of pod " + pod.metadata().name()).isNotNull();
        return status.containerStatuses().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no status of container " + name));
    }

    private ContainerInfo inspect(ContainerStatus status) {
        return runtime.inspect(status.containerID().substring("docker://".length()));
    }

    private String get(String url, String authorization) throws Exception {
        return get(http, url, authorization);
    }

    private static String get(HttpClient http, String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + url).isEqualTo(200);
        return response.body();
    }

    private String page(int hostPort) throws Exception {
        return get("http://127.0.0.1:" + hostPort + "/index.html", null);
    }

    private String log(Pod pod, boolean previous) throws Exception {
        String path = "/containerLogs/" + node + "/" + pod.metadata().name() + "/web" + (previous ? "?previous=true" : "");
        return get(nodeEndpoint, "https://127.0.0.1:" + agent.logPort() + path, ServerKey.bearer(node, path));
    }

    private static Pods server(String name) {
        return Pods.pod(name).container(Pods.shell("web", SERVE_ATTEMPT)
                .withPorts(List.of(new ContainerPort("http", 8080, null, null, "TCP"))));
    }

    @Test
    void podOfOneContainerRunsAsThatContainerPublishingItsPortOnTheHost() throws Exception {
        Pod pod = add(server("solo"));

        await().atMost(BOUND).untilAsserted(() -> assertThat(current(pod).status()).isNotNull()
                .satisfies(s -> assertThat(s.ready()).isTrue()));
        assertThat(runtime.list(PodLabels.ofPod(node, pod.metadata().uid()))).singleElement()
                .satisfies(c -> assertThat(c.labels()).containsEntry(PodLabels.CONTAINER_NAME, "web"));
        ContainerInfo web = inspect(container(pod, "web"));
        assertThat(web.networkMode().joinsContainer()).isFalse();
        assertThat(current(pod).status().podIP()).isEqualTo(web.ipAddress()).isNotEmpty();
        assertThat(runtime.exec(web.id(), List.of("hostname"), Duration.ofSeconds(10)).stdout()).isEqualTo("solo\n");
        await().atMost(BOUND).until(() -> PodHostPorts.hostPort(current(pod), "http", "TCP").isPresent());
        int hostPort = PodHostPorts.hostPort(current(pod), "http", "TCP").orElseThrow();
        assertThat(web.hostPort(8080, dev.orc.node.runtime.PortMapping.Protocol.TCP)).contains(hostPort);
        await().atMost(BOUND).untilAsserted(() -> assertThat(page(hostPort)).isEqualTo(log(pod, false)));
    }

    @Test
    void containerKilledAndRestartedServesAgainOnTheSameHostPortWithThePodIPFollowingIt() throws Exception {
        Pod pod = add(server("phoenix"));
        await().atMost(BOUND).until(() -> PodHostPorts.hostPort(current(pod), "http", "TCP").isPresent());
        int hostPort = PodHostPorts.hostPort(current(pod), "http", "TCP").orElseThrow();
        await().atMost(BOUND).untilAsserted(() -> assertThat(page(hostPort)).isNotBlank());
        String firstPage = page(hostPort);
        ContainerInfo first = inspect(container(pod, "web"));

        runtime.kill(first.id(), "KILL");

        await().atMost(BOUND).untilAsserted(() -> {
            ContainerStatus web = container(pod, "web");
            assertThat(web.restartCount()).isEqualTo(1);
            assertThat(web.state().running()).isNotNull();
            assertThat(current(pod).status().ready()).isTrue();
        });
        ContainerStatus web = container(pod, "web");
        assertThat(web.lastState().terminated().exitCode()).isEqualTo(137);
        ContainerInfo second = inspect(web);
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.hostPort(8080, dev.orc.node.runtime.PortMapping.Protocol.TCP)).contains(hostPort);
        assertThat(PodHostPorts.hostPort(current(pod), "http", "TCP")).contains(hostPort);
        assertThat(current(pod).status().podIP()).isEqualTo(second.ipAddress());
        await().atMost(BOUND).untilAsserted(() -> assertThat(page(hostPort)).isNotEqualTo(firstPage)
                .isEqualTo(log(pod, false)));
        assertThat(log(pod, true)).isEqualTo(firstPage);
        assertThat(runtime.list(PodLabels.ofPod(node, pod.metadata().uid()))).hasSize(2);
    }

    @Test
    void containersOfAPodShareLocalhostThroughTheInfraContainer() {
        Pod pod = add(Pods.pod("pair")
                .container("server", "mkdir -p /www && echo shared > /www/index.html && exec httpd -f -p 7000 -h /www")
                .container("client", "sleep 3600"));

        await().atMost(BOUND).untilAsserted(() -> assertThat(current(pod).status()).isNotNull()
                .satisfies(s -> assertThat(s.ready()).isTrue()));
        assertThat(runtime.list(PodLabels.ofPod(node, pod.metadata().uid())))
                .extracting(c -> c.labels().get(PodLabels.CONTAINER_NAME))
                .containsExactlyInAnyOrder(PodLabels.INFRA_NAME, "server", "client");
        String client = container(pod, "client").containerID().substring("docker://".length());
        assertThat(runtime.inspect(client).networkMode().joinsContainer()).isTrue();
        assertThat(runtime.exec(client, List.of("hostname"), Duration.ofSeconds(10)).stdout()).isEqualTo("pair\n");
        await().atMost(BOUND).untilAsserted(() -> assertThat(runtime.exec(client,
                List.of("wget", "-q", "-O", "-", "http://127.0.0.1:7000/index.html"), Duration.ofSeconds(10)).stdout())
                .isEqualTo("shared\n"));
    }
}
