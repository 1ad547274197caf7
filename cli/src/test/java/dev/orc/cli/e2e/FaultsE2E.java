package dev.orc.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's faults on real processes, one {@code orc server} with its default node timings: a node agent killed
 * with SIGKILL and started again, a silent network partition between an agent and the server, and a Docker engine
 * restarted under a running agent.
 */
class FaultsE2E {
    private static final Duration SETTLE = Duration.ofSeconds(120);
    /** How soon an agent must notice that its connections died silently and resync, once the network is back. */
    private static final Duration HEAL = Duration.ofSeconds(30);
    /** The server's default node grace period and eviction timeout, and a margin for the controller to act. */
    private static final Duration GRACE_AND_EVICTION = Duration.ofSeconds(40 + 3 + 5);

    @TempDir
    static Path dir;
    private static E2ECluster cluster;

    @BeforeAll
    static void start() {
        DockerHost.require();
        cluster = E2ECluster.server(dir, "FaultsE2E");
        cluster.apply("namespace", namespace());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void anAgentKilledAndStartedAgainAdoptsItsContainersAndNothingIsEvicted() {
        String node = cluster.startNode("killed");
        cluster.apply("adopted", pod("adopted-1", node) + "---\n" + pod("adopted-2", node));
        cluster.await("both pods running", SETTLE, () -> assertThat(containers("adopted")).hasSize(2)
                .allSatisfy(c -> assertThat(c.ready()).isTrue()));
        Map<String, RunningContainer> before = byPod(containers("adopted"));

        Instant killed = Instant.now();
        cluster.killNode(node);
        cluster.restartNode(node);
        Instant restarted = Instant.now();

        cluster.await("a heartbeat of the restarted agent", SETTLE, () -> assertThat(heartbeat(node)).isAfter(restarted));
        cluster.apply("after", pod("after-restart", node));
        cluster.await("a pod bound after the restart running", SETTLE, () -> assertThat(containers("after-restart")).hasSize(1));
        cluster.await("the node grace period and eviction timeout over since the kill", Duration.ofMinutes(2), () ->
                assertThat(Instant.now()).isAfter(killed.plus(GRACE_AND_EVICTION)));
        assertThat(cluster.nodeReady(node)).isEqualTo("True");
        assertThat(byPod(containers("adopted"))).isEqualTo(before);
        assertThat(eventReasons("Node", node)).doesNotContain("NodeNotReady", "TaintManagerEviction");
        assertThat(eventReasons("Pod", "adopted-1")).doesNotContain("TaintManagerEviction", "Killing");
    }

    @Test
    void anAgentStoppedMarksItsNodeNotReadyAndStartedAgainWithinTheGracePeriodEvictsNothing() {
        String node = cluster.startNode("stopped");
        cluster.apply("stopping", pod("stopping-1", node));
        cluster.await("the pod running and ready", SETTLE,
                () -> assertThat(containers("stopping-1")).singleElement().satisfies(c -> assertThat(c.ready()).isTrue()));
        RunningContainer before = containers("stopping-1").getFirst();

        cluster.stopNode(node);
        JsonNode ready = readyCondition(node);
        assertThat(List.of(ready.path("status").asText(), ready.path("reason").asText()))
                .containsExactly("False", "NodeAgentStopped");
        cluster.await("the pod marked not ready", GRACE_AND_EVICTION.dividedBy(2),
                () -> assertThat(podReady("stopping-1")).isEqualTo("False"));
        cluster.restartNode(node);

        cluster.await("node " + node + " Ready again", SETTLE, () -> assertThat(cluster.nodeReady(node)).isEqualTo("True"));
        cluster.await("the pod ready again in the same container", SETTLE, () -> assertThat(containers("stopping-1"))
                .singleElement().satisfies(c -> {
                    assertThat(podReady("stopping-1")).isEqualTo("True");
                    assertThat(List.of(c.containerID(), c.restartCount())).containsExactly(before.containerID(),
                            before.restartCount());
                }));
        assertThat(eventReasons("Pod", "stopping-1")).doesNotContain("TaintManagerEviction", "Killing");
    }

    @Test
    void anAgentCutOffSilentlyHealsOnceTheNetworkIsBackAndRunsAPodBoundMeanwhile() {
        try (FaultyRelay relay = FaultyRelay.to(cluster.server())) {
            String node = cluster.startNode("partitioned", relay.in(cluster.server()));
            cluster.apply("before", pod("before-cut", node));
            cluster.await("a pod running before the cut", SETTLE, () -> assertThat(containers("before-cut")).hasSize(1));
            cluster.await("the node's Lease renewed before the cut", SETTLE,
                    () -> assertThat(heartbeat(node)).isBefore(Instant.now().plusSeconds(1)));

            relay.cut();
            Instant lastHeartbeat = heartbeat(node);
            cluster.apply("during", tolerating(pod("during-cut", node)));
            cluster.await("the node silent for longer than a watch may be idle", Duration.ofSeconds(90), () ->
                    assertThat(Duration.between(heartbeat(node), Instant.now())).isGreaterThan(Duration.ofSeconds(35)));
            assertThat(heartbeat(node)).isEqualTo(lastHeartbeat);
            relay.heal();

            cluster.await("node " + node + " Ready within " + HEAL + " of the network's return", HEAL,
                    () -> assertThat(cluster.nodeReady(node)).isEqualTo("True"));
            cluster.await("the pod bound during the cut running", SETTLE,
                    () -> assertThat(containers("during-cut")).singleElement().satisfies(c -> assertThat(c.ready()).isTrue()));
        }
    }

    @Test
    void dockerRestartedUnderARunningAgentMakesItsNodeNotReadyWithTheReasonThenAllComesBack() throws Exception {
        Path engineDir = Files.createTempDirectory(Path.of("/var/tmp"), "od");
        try (OwnDockerd docker = OwnDockerd.start(engineDir, List.of("orc/busybox:1"))) {
            String node = cluster.startNodeOnDocker("dockerd", docker.host(), "--no-proxy", "--no-dns");
            cluster.apply("engine", pod("engine-1", node));
            cluster.await("the pod running on the node's own engine", SETTLE,
                    () -> assertThat(containers("engine-1")).singleElement().satisfies(c -> assertThat(c.ready()).isTrue()));

            docker.stop();
            cluster.await("node " + node + " NotReady, saying its runtime is down", SETTLE, () -> {
                JsonNode ready = readyCondition(node);
                assertThat(ready.path("status").asText()).isEqualTo("False");
                assertThat(ready.path("message").asText()).contains("container runtime is down");
            });
            cluster.await("the pod no longer ready", SETTLE, () -> assertThat(podReady("engine-1")).isEqualTo("False"));

            docker.start();
            cluster.await("node " + node + " Ready again", SETTLE, () -> assertThat(cluster.nodeReady(node)).isEqualTo("True"));
            cluster.await("the pod running and ready again", SETTLE, () -> assertThat(containers("engine-1"))
                    .as(() -> "pod engine-1's status: " + cluster.client().get(ResourceTypes.POD, "faults", "engine-1")
                            .path("status"))
                    .singleElement().satisfies(c -> assertThat(c.ready()).isTrue()));
        }
    }

    /** The status of the pod's Ready condition, which Services follow. */
    private static String podReady(String name) {
        JsonNode conditions = cluster.client().get(ResourceTypes.POD, "faults", name).path("status").path("conditions");
        return StreamSupport.stream(conditions.spliterator(), false).filter(c -> "Ready".equals(c.path("type").asText()))
                .map(c -> c.path("status").asText()).findFirst().orElse("");
    }

    private static JsonNode readyCondition(String node) {
        JsonNode conditions = cluster.client().get(ResourceTypes.NODE, null, node).path("status").path("conditions");
        return StreamSupport.stream(conditions.spliterator(), false)
                .filter(c -> "Ready".equals(c.path("type").asText())).findFirst().orElseThrow();
    }

    /** What must not change when an agent adopts a container: its id, its restart count, its start. */
    record RunningContainer(String pod, String uid, String containerID, int restartCount, String startedAt, boolean ready) {
    }

    private static List<RunningContainer> containers(String namePrefix) {
        JsonNode items = cluster.client().list(ResourceTypes.POD, "faults", ListOptions.all()).path("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(pod -> pod.path("metadata").path("name").asText().startsWith(namePrefix))
                .filter(pod -> "Running".equals(pod.path("status").path("phase").asText()))
                .map(pod -> {
                    JsonNode status = pod.path("status").path("containerStatuses").path(0);
                    return new RunningContainer(pod.path("metadata").path("name").asText(),
                            pod.path("metadata").path("uid").asText(), status.path("containerID").asText(),
                            status.path("restartCount").asInt(), status.path("state").path("running").path("startedAt").asText(),
                            status.path("ready").asBoolean());
                })
                .toList();
    }

    private static Map<String, RunningContainer> byPod(List<RunningContainer> containers) {
        return containers.stream().collect(Collectors.toMap(RunningContainer::pod, c -> c));
    }

    /** When the node's agent last renewed its Lease. */
    private static Instant heartbeat(String node) {
        return Instant.parse(cluster.client().get(ResourceTypes.LEASE, "kube-node-lease", node).path("spec").path("renewTime").asText());
    }

    private static List<String> eventReasons(String kind, String name) {
        JsonNode items = cluster.client().list(ResourceTypes.EVENT, null, ListOptions.all()).path("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(e -> kind.equals(e.path("involvedObject").path("kind").asText())
                        && name.equals(e.path("involvedObject").path("name").asText()))
                .map(e -> e.path("reason").asText()).toList();
    }

    private static String namespace() {
        return """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: faults
                """;
    }

    /** A pod bound to {@code node} by name, as a DaemonSet's are, so that no scheduler decides where it runs. */
    private static String pod(String name, String node) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: faults
                spec:
                  nodeName: %s
                  terminationGracePeriodSeconds: 2
                  containers:
                    - name: main
                      image: orc/busybox:1
                      command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
                """.formatted(name, node);
    }

    /** {@code pod} staying on its node however long the node is unreachable, as Kubernetes' DaemonSet pods do. */
    private static String tolerating(String pod) {
        return pod + """
                  tolerations:
                    - key: node.kubernetes.io/unreachable
                      operator: Exists
                      effect: NoExecute
                    - key: node.kubernetes.io/not-ready
                      operator: Exists
                      effect: NoExecute
                """;
    }
}
