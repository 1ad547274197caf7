package dev.orc.reconciler.controller.nodelifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Timestamps;
import dev.orc.reconciler.controller.PodFixture;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.controller.daemonset.DaemonPlacement;
import dev.orc.reconciler.controller.runtime.Result;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NodeLifecycleReconcilerTest {
    private static final ObjectKey KEY = new ObjectKey("", "n1");
    private final ManualClock clock = new ManualClock();
    private final RegistryCluster cluster = new RegistryCluster(clock);
    private final NodeLifecycleReconciler reconciler = new NodeLifecycleReconciler(cluster.cache(ResourceTypes.NODE),
            cluster.cache(ResourceTypes.POD), cluster.cache(ResourceTypes.LEASE), cluster.controllerClient(), cluster.events(),
            clock, new NodeLifecycleConfig(Duration.ofSeconds(12), Duration.ofSeconds(3)));

    @AfterEach
    void close() {
        cluster.close();
    }

    private ObjectNode node(String ready) {
        ObjectNode node = Json.object();
        node.put("apiVersion", "v1").put("kind", "Node");
        node.putObject("metadata").put("name", "n1").put("uid", "uid-n1");
        node.putObject("status").putArray("conditions").addObject().put("type", "Ready").put("status", ready)
                .put("reason", "KubeletReady").put("lastHeartbeatTime", Timestamps.format(clock.instant()))
                .put("lastTransitionTime", Timestamps.format(clock.instant()));
        return node;
    }

    private void seedPod(String name, String tolerations) {
        ObjectNode pod = PodFixture.pod(name).node("n1").ready(clock.instant()).build();
        pod.withObjectProperty("spec").set("tolerations", Json.parse(tolerations));
        cluster.seed(ResourceTypes.POD, pod);
    }

    /** The node's agent renews its heartbeat Lease now, creating it the first time. */
    private void renewLease() {
        String now = Timestamps.formatMicros(clock.instant());
        if (cluster.get(ResourceTypes.LEASE, NodeLifecycleController.LEASE_NAMESPACE, "n1").isPresent()) {
            ObjectNode patch = Json.object();
            patch.putObject("spec").put("renewTime", now);
            cluster.client().patch(ResourceTypes.LEASE, NodeLifecycleController.LEASE_NAMESPACE, "n1", PatchType.MERGE,
                    patch, WriteOptions.defaults());
            return;
        }
        ObjectNode lease = Json.object().put("apiVersion", "coordination.k8s.io/v1").put("kind", "Lease");
        lease.putObject("metadata").put("name", "n1").put("namespace", NodeLifecycleController.LEASE_NAMESPACE);
        lease.putObject("spec").put("holderIdentity", "n1").put("renewTime", now);
        cluster.seed(ResourceTypes.LEASE, lease);
    }

    private List<String> deletions() {
        return cluster.writes().stream().filter(write -> write.startsWith("delete ")).toList();
    }

    private ObjectNode stored() {
        return cluster.cache(ResourceTypes.NODE).get(KEY).orElseThrow().copy();
    }

    private List<String> taints() {
        List<String> taints = new ArrayList<>();
        stored().at("/spec/taints").forEach(t -> taints.add(t.path("key").asText() + ":" + t.path("effect").asText()));
        return taints;
    }

    @Test
    void steadyStateDoesNothingAndLooksAgainWhenTheHeartbeatWouldExpire() {
        cluster.seed(ResourceTypes.NODE, node("True"));
        seedPod("web", "[]");
        reconciler.reconcile(KEY);
        cluster.clearRecords();
        clock.advance(Duration.ofSeconds(2));

        Result result = reconciler.reconcile(KEY);

        assertThat(cluster.writes()).isEmpty();
        assertThat(cluster.recordedEvents()).isEmpty();
        assertThat(result.requeueAfter()).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(11));
    }

    @Test
    void lostNodeIsMarkedUnknownTaintedItsPodsNotReadyThenEvictedExceptThoseThatTolerateIt() {
        cluster.seed(ResourceTypes.NODE, node("True"));
        seedPod("web", "[]");
        seedPod("patient", "[{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":60}]");
        seedPod("daemon", Json.write(DaemonPlacement.DEFAULT_TOLERATIONS));
        reconciler.reconcile(KEY);

        clock.advance(Duration.ofSeconds(13));
        Result lost = reconciler.reconcile(KEY);

        assertThat(stored().at("/status/conditions/0/status").asText()).isEqualTo("Unknown");
        assertThat(stored().at("/status/conditions/0/reason").asText()).isEqualTo("NodeStatusUnknown");
        assertThat(stored().at("/status/conditions/0/message").asText()).isEqualTo("Kubelet stopped posting node status.");
        assertThat(taints()).containsExactly("node.kubernetes.io/unreachable:NoExecute");
        assertThat(stored().at("/spec/taints/0/timeAdded").asText()).isEqualTo(Timestamps.format(clock.instant()));
        assertThat(cluster.list(ResourceTypes.POD)).allSatisfy(pod -> {
            assertThat(pod.at("/status/conditions").toString()).contains("\"type\":\"Ready\",\"status\":\"False\"");
            assertThat(pod.at("/status/conditions").toString()).contains("\"type\":\"ContainersReady\",\"status\":\"False\"");
        });
        assertThat(deletions()).isEmpty();
        assertThat(lost.requeueAfter()).isEqualTo(Duration.ofSeconds(3));

        clock.advance(Duration.ofSeconds(3));
        reconciler.reconcile(KEY);

        assertThat(deletions()).containsExactly("delete pods web");
        assertThat(cluster.list(ResourceTypes.POD)).as("a bound pod deleted with grace 0 is gone, not terminating")
                .extracting(p -> p.at("/metadata/name").asText()).containsExactlyInAnyOrder("patient", "daemon");
        assertThat(cluster.recordedEvents()).containsSubsequence(
                "n1 Normal NodeNotReady: Node n1 status is now: NodeNotReady (no heartbeat for 13s)",
                "n1 Normal TaintAdded: Added taint node.kubernetes.io/unreachable:NoExecute; pods without a toleration are evicted after 3s",
                "web Normal TaintManagerEviction: Marking for deletion Pod default/web");
    }

    @Test
    void aNodeWhoseLeaseKeepsRenewingStaysReadyThoughItsStatusIsNotRewritten() {
        cluster.seed(ResourceTypes.NODE, node("True"));
        seedPod("web", "[]");
        reconciler.reconcile(KEY);
        cluster.clearRecords();

        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofSeconds(3));
            renewLease();
            reconciler.reconcile(KEY);
        }

        assertThat(cluster.writes()).isEmpty();
        assertThat(stored().at("/status/conditions/0/status").asText()).isEqualTo("True");
        assertThat(deletions()).isEmpty();
    }

    @Test
    void aNodeWhoseLeaseStopsRenewingIsLostAGracePeriodLater() {
        cluster.seed(ResourceTypes.NODE, node("True"));
        renewLease();
        reconciler.reconcile(KEY);
        clock.advance(Duration.ofSeconds(6));
        renewLease();
        reconciler.reconcile(KEY);

        clock.advance(Duration.ofSeconds(13));
        reconciler.reconcile(KEY);

        assertThat(stored().at("/status/conditions/0/status").asText()).isEqualTo("Unknown");
    }

    @Test
    void aHeartbeatAlreadyOldWhenTheControllerStartsGetsAFullGracePeriod() {
        cluster.seed(ResourceTypes.NODE, node("True"));
        seedPod("web", "[]");
        clock.advance(Duration.ofMinutes(10));

        Result first = reconciler.reconcile(KEY);

        assertThat(cluster.writes()).isEmpty();
        assertThat(first.requeueAfter()).isBetween(Duration.ofSeconds(12), Duration.ofSeconds(13));
        clock.advance(Duration.ofSeconds(13));
        reconciler.reconcile(KEY);
        assertThat(stored().at("/status/conditions/0/status").asText()).isEqualTo("Unknown");
    }

    @Test
    void nodeReportingNotReadyIsTaintedNotReady() {
        cluster.seed(ResourceTypes.NODE, node("False"));

        reconciler.reconcile(KEY);

        assertThat(taints()).containsExactly("node.kubernetes.io/not-ready:NoExecute");
        assertThat(stored().at("/status/conditions/0/status").asText()).isEqualTo("False");
    }

    @Test
    void aNodeWhoseAgentStoppedHasItsPodsMarkedNotReadyButNothingEvictedBeforeTheGracePeriodEnds() {
        ObjectNode node = node("False");
        ((ObjectNode) node.at("/status/conditions/0")).put("reason", "NodeAgentStopped");
        cluster.seed(ResourceTypes.NODE, node);
        seedPod("web", "[]");

        Result stopped = reconciler.reconcile(KEY);
        clock.advance(Duration.ofSeconds(10));
        reconciler.reconcile(KEY);

        assertThat(taints()).isEmpty();
        assertThat(deletions()).isEmpty();
        assertThat(cluster.list(ResourceTypes.POD)).singleElement().satisfies(pod ->
                assertThat(pod.at("/status/conditions").toString()).contains("\"type\":\"Ready\",\"status\":\"False\""));
        assertThat(stopped.requeueAfter()).isBetween(Duration.ofSeconds(12), Duration.ofSeconds(13));

        clock.advance(Duration.ofSeconds(3));
        reconciler.reconcile(KEY);

        assertThat(stored().at("/status/conditions/0/status").asText()).isEqualTo("Unknown");
        assertThat(taints()).containsExactly("node.kubernetes.io/unreachable:NoExecute");
    }

    @Test
    void returningNodeHasItsTaintsClearedAndKeepsOthers() {
        cluster.seed(ResourceTypes.NODE, node("True"));
        reconciler.reconcile(KEY);
        clock.advance(Duration.ofSeconds(13));
        reconciler.reconcile(KEY);
        ObjectNode back = stored();
        back.withObjectProperty("spec").withArrayProperty("taints").addObject().put("key", "dedicated")
                .put("effect", "NoSchedule");
        back = cluster.update(ResourceTypes.NODE, back);
        back.set("status", node("True").get("status"));
        cluster.updateStatus(ResourceTypes.NODE, back);
        cluster.clearRecords();

        reconciler.reconcile(KEY);

        assertThat(taints()).containsExactly("dedicated:NoSchedule");
        assertThat(cluster.recordedEvents()).containsExactly("n1 Normal NodeReady: Node n1 status is now: NodeReady");
    }
}
