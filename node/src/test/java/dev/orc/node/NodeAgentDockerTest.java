package dev.orc.node;

import dev.orc.node.testing.DockerForTests;
import dev.orc.api.model.ContainerStatus;
import dev.orc.api.model.NodeStatus;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodHostPorts;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.PodStatus;
import dev.orc.node.net.UncheckedTls;
import dev.orc.node.pod.PodLabels;
import dev.orc.node.pod.Pods;
import dev.orc.node.runtime.ContainerNotFoundException;
import dev.orc.node.runtime.ContainerSummary;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.docker.DockerRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent on the real Docker engine with orc/busybox:1, against the real API server in-process. Each run uses its
 * own node name (so its containers carry their own label) and removes them afterwards. Fails instead of
 * skipping when Docker is unreachable and CI=true.
 */
class NodeAgentDockerTest {

    private static final String TOKEN = "test-token";
    private static final Duration BOUND = Duration.ofSeconds(40);
    private static DockerRuntime runtime;

    private final String node = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final RegistryNodeApi api = new RegistryNodeApi();
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
        agent = startNewAgent();
    }

    private NodeAgent startNewAgent() {
        NodeConfig config = NodeConfig.defaults(node, Path.of("target", node)).withServerKey(ServerKey.publicKey())
                .withAddress("127.0.0.1")
                .withCrashLoop(Duration.ofSeconds(1), Duration.ofSeconds(8))
                .withResync(Duration.ofMillis(300))
                .withNetwork(NodeNetworkConfig.OFF);
        return NodeAgent.start(config, api, runtime, Clock.systemUTC(), "test");
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

    private PodStatus status(Pod pod) {
        return api.pod(pod.metadata().uid()).map(Pod::status).orElse(null);
    }

    private ContainerStatus container(Pod pod, String name) {
        PodStatus status = status(pod);
        assertThat(status).as("status of pod " + pod.metadata().name()).isNotNull();
        return java.util.stream.Stream.concat(status.initContainerStatuses().stream(), status.containerStatuses().stream())
                .filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no status of container " + name));
    }

    private void awaitPhase(Pod pod, String phase) {
        await().atMost(BOUND).untilAsserted(() -> assertThat(status(pod)).isNotNull()
                .extracting(PodStatus::phase).isEqualTo(phase));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String read(int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(2000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    @Test
    void podRunsAndItsPortsAnswerOnTheHostPortAndAnAllocatedPort() throws Exception {
        int hostPort = freePort();
        String serve = "while true; do echo hello-$PORT | nc -l -p $PORT; done";
        Pod pod = add(Pods.pod("web")
                .container(Pods.withPort(Pods.withEnv(Pods.shell("fixed", serve), dev.orc.api.model.EnvVar.of("PORT", "8080")), 8080, hostPort))
                .container(Pods.withPort(Pods.withEnv(Pods.shell("allocated", serve), dev.orc.api.model.EnvVar.of("PORT", "9090")), 9090, null)));

        awaitPhase(pod, PodStatus.RUNNING);
        await().atMost(BOUND).untilAsserted(() -> assertThat(status(pod).ready()).isTrue());
        assertThat(status(pod).podIP()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(status(pod).hostIP()).isEqualTo("127.0.0.1");
        await().atMost(BOUND).untilAsserted(() -> assertThat(read(hostPort)).isEqualTo("hello-8080"));
        await().atMost(BOUND).until(() -> !PodHostPorts.of(api.pod(pod.metadata().uid()).orElseThrow()).isEmpty());
        int allocated = PodHostPorts.hostPort(api.pod(pod.metadata().uid()).orElseThrow(), "9090", "TCP").orElseThrow();
        await().atMost(BOUND).untilAsserted(() -> assertThat(read(allocated)).isEqualTo("hello-9090"));
    }

    @Test
    void crashingContainerRestartsWithGrowingBackOffShowingCrashLoopBackOff() {
        Pod pod = add(Pods.pod("crash").container("app", "echo boom; exit 2"));
        AtomicBoolean sawBackOff = new AtomicBoolean();

        await().atMost(BOUND).untilAsserted(() -> {
            ContainerStatus app = container(pod, "app");
            if (app.state().waiting() != null && "CrashLoopBackOff".equals(app.state().waiting().reason())) {
                sawBackOff.set(true);
            }
            assertThat(app.restartCount()).isGreaterThanOrEqualTo(3);
            assertThat(sawBackOff).isTrue();
        });
        PodStatus now = status(pod);
        ContainerStatus app = now.containerStatuses().stream().filter(c -> c.name().equals("app")).findFirst().orElseThrow();
        assertThat(app.lastState().terminated().exitCode()).isEqualTo(2);
        assertThat(now.phase()).isEqualTo(PodStatus.RUNNING);
        assertThat(now.ready()).as("ready only in the moments the crashing container runs").isEqualTo(app.state().running() != null);
    }

    @Test
    void onFailureRestartsAFailureButNotASuccessAndNeverRestartsNothing() {
        Pod succeeds = add(Pods.pod("ok").restartPolicy(PodSpec.RESTART_ON_FAILURE).container("main", "exit 0"));
        Pod failsOnce = add(Pods.pod("retry").restartPolicy(PodSpec.RESTART_ON_FAILURE)
                .container("main", "exit 1"));
        Pod fails = add(Pods.pod("never").restartPolicy(PodSpec.RESTART_NEVER).container("main", "exit 3"));

        awaitPhase(succeeds, PodStatus.SUCCEEDED);
        awaitPhase(fails, PodStatus.FAILED);
        await().atMost(BOUND).untilAsserted(() -> assertThat(container(failsOnce, "main").restartCount()).isPositive());
        assertThat(container(succeeds, "main").restartCount()).isZero();
        assertThat(container(succeeds, "main").state().terminated().reason()).isEqualTo("Completed");
        assertThat(container(fails, "main").restartCount()).isZero();
        assertThat(container(fails, "main").state().terminated().exitCode()).isEqualTo(3);
        assertThat(container(fails, "main").state().terminated().reason()).isEqualTo("Error");
    }

    @Test
    void initContainersRunInOrderEachToSuccessBeforeTheApp() {
        Pod pod = add(Pods.pod("init").init("first", "sleep 1").init("second", "sleep 1").container("app", "sleep 3600"));

        awaitPhase(pod, PodStatus.RUNNING);
        Instant firstDone = Instant.parse(container(pod, "first").state().terminated().finishedAt());
        Instant secondStart = Instant.parse(container(pod, "second").state().terminated().startedAt());
        Instant secondDone = Instant.parse(container(pod, "second").state().terminated().finishedAt());
        Instant appStart = Instant.parse(container(pod, "app").state().running().startedAt());
        assertThat(secondStart).isAfterOrEqualTo(firstDone);
        assertThat(appStart).isAfterOrEqualTo(secondDone);
    }

    @Test
    void deletionStopsGracefullyThenRemovesContainersAndThePod() {
        Pod polite = add(Pods.pod("polite").grace(60).container("app", "trap 'exit 0' TERM; while true; do sleep 1; done"));
        Pod stubborn = add(Pods.pod("stubborn").grace(2).container("app", "trap '' TERM; while true; do sleep 1; done"));
        awaitPhase(polite, PodStatus.RUNNING);
        awaitPhase(stubborn, PodStatus.RUNNING);
        assertThat(runtime.list(PodLabels.ofPod(node, polite.metadata().uid()))).as("no infra container").hasSize(1);

        for (Pod pod : List.of(polite, stubborn)) {
            Pod current = api.pod(pod.metadata().uid()).orElseThrow();
            api.put(current.withMetadata(current.metadata().withDeletion(
                    dev.orc.api.model.Timestamps.format(Instant.now()), current.spec().terminationGracePeriodSeconds())));
        }

        // Bounded below the polite pod's 60 s grace period, leaving room for the watch on a loaded machine.
        await().atMost(Duration.ofSeconds(50)).untilAsserted(() -> {
            assertThat(api.pod(polite.metadata().uid())).as("a pod that stops on TERM need not wait 60 s").isEmpty();
            assertThat(api.pod(stubborn.metadata().uid())).as("a pod that ignores TERM is killed after 2 s").isEmpty();
        });
        assertThat(runtime.list(PodLabels.ofPod(node, polite.metadata().uid()))).isEmpty();
        assertThat(runtime.list(PodLabels.ofPod(node, stubborn.metadata().uid()))).isEmpty();
    }

    @Test
    void restartedAgentAdoptsRunningContainersAndRemovesThoseOfVanishedPods() {
        Pod kept = add(Pods.pod("kept").container("app", "sleep 3600"));
        Pod vanished = add(Pods.pod("vanished").container("app", "sleep 3600"));
        awaitPhase(kept, PodStatus.RUNNING);
        awaitPhase(vanished, PodStatus.RUNNING);
        List<String> ids = runtime.list(PodLabels.ofPod(node, kept.metadata().uid())).stream()
                .map(ContainerSummary::id).sorted().toList();
        String containerId = container(kept, "app").containerID();

        agent.close();
        assertThat(api.node(node).status().condition(NodeStatus.READY)).as("the stopped agent said so")
                .hasValueSatisfying(ready -> assertThat(List.of(ready.status(), ready.reason()))
                        .containsExactly("False", NodeStatus.AGENT_STOPPED));
        api.remove(vanished.metadata().uid());
        agent = startNewAgent();
        Pod marker = add(Pods.pod("marker").container("app", "sleep 3600"));
        await().atMost(BOUND).until(() -> api.node(node).status().condition(NodeStatus.READY)
                .map(ready -> ready.status().equals("True")).orElse(false));

        awaitPhase(marker, PodStatus.RUNNING);
        await().atMost(BOUND).until(() -> runtime.list(PodLabels.ofPod(node, vanished.metadata().uid())).isEmpty());
        assertThat(runtime.list(PodLabels.ofPod(node, kept.metadata().uid())).stream().map(ContainerSummary::id).sorted())
                .containsExactlyElementsOf(ids);
        assertThat(container(kept, "app").containerID()).isEqualTo(containerId);
        assertThat(container(kept, "app").restartCount()).isZero();
    }

    @Test
    void memoryLimitProducesOOMKilled() {
        Pod pod = add(Pods.pod("hog").restartPolicy(PodSpec.RESTART_NEVER)
                .container(Pods.withMemoryLimit(Pods.shell("app", "tail /dev/zero"), "16Mi")));

        awaitPhase(pod, PodStatus.FAILED);
        assertThat(container(pod, "app").state().terminated().reason()).isEqualTo("OOMKilled");
        assertThat(container(pod, "app").state().terminated().exitCode()).isEqualTo(137);
    }

    @Test
    void logsAreServedToTheServerOnly() throws Exception {
        Pod pod = add(Pods.pod("talker").container("app", "echo one; echo two; sleep 3600"));
        awaitPhase(pod, PodStatus.RUNNING);
        HttpClient http = UncheckedTls.client();
        URI uri = URI.create("https://127.0.0.1:" + agent.logPort() + "/containerLogs/" + node + "/talker/app?tailLines=5");

        await().atMost(BOUND).untilAsserted(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", ServerKey.bearer(node, uri.getRawPath() + "?" + uri.getRawQuery())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("one\ntwo\n");
        });
        HttpResponse<String> denied = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(denied.statusCode()).isEqualTo(401);
        HttpResponse<String> otherPath = http.send(HttpRequest.newBuilder(uri).header("Authorization",
                ServerKey.bearer(node, "/stats/summary")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(otherPath.statusCode()).as("a signature of another request").isEqualTo(401);
        HttpResponse<String> userToken = http.send(HttpRequest.newBuilder(uri).header("Authorization",
                "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(userToken.statusCode()).as("a user's token").isEqualTo(401);
        assertThat(api.node(node).status().daemonEndpoints().kubeletEndpoint().port()).isEqualTo(agent.logPort());
    }
}
