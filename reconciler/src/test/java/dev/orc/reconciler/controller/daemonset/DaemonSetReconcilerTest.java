package dev.orc.reconciler.controller.daemonset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.controller.BatchGate;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.GatedClient;
import dev.orc.reconciler.controller.Kubelet;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.orc.reconciler.controller.daemonset.DaemonSetFixtures.daemonSet;
import static dev.orc.reconciler.controller.daemonset.DaemonSetFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

class DaemonSetReconcilerTest {
    private static final ObjectKey KEY = new ObjectKey("default", "agent");
    private final ManualClock clock = new ManualClock();
    private final RegistryCluster cluster = new RegistryCluster(clock);

    @AfterEach
    void close() {
        cluster.close();
    }

    private DaemonSetReconciler reconciler() {
        return new DaemonSetReconciler(cluster.cache(ResourceTypes.DAEMON_SET), cluster.cache(ResourceTypes.POD),
                cluster.cache(ResourceTypes.NODE), cluster.controllerClient(), cluster.events(), new Expectations(clock, Duration.ofMinutes(5)), clock);
    }

    /** The kubelet: every pod runs and is ready, on the node it was bound to. */
    private void runPods() {
        for (ObjectNode pod : cluster.list(ResourceTypes.POD)) {
            ObjectNode ready = pod.deepCopy();
            ready.putObject("status").put("phase", "Running").putArray("conditions").addObject().put("type", "Ready")
                    .put("status", "True").put("lastTransitionTime", "2025-12-31T00:00:00Z");
            cluster.updateStatus(ResourceTypes.POD, ready);
        }
        cluster.clearRecords();
    }

    @Test
    void createsOnePodPerNodeThenWritesStatus() {
        cluster.seed(ResourceTypes.DAEMON_SET, daemonSet("agent", "agent:1"));
        cluster.seed(ResourceTypes.NODE, node("n1"));
        cluster.seed(ResourceTypes.NODE, node("n2"));

        reconciler().reconcile(KEY);

        List<String> created = cluster.writes().stream().filter(w -> w.startsWith("create pods "))
                .map(w -> w.substring("create pods ".length())).toList();
        assertThat(created).hasSize(2).allMatch(name -> name.matches("agent-[a-z0-9]{5}"));
        assertThat(cluster.writes()).containsExactly("create pods " + created.get(0), "create pods " + created.get(1),
                "status daemonsets agent");
        assertThat(created).extracting(name -> cluster.get(ResourceTypes.POD, "default", name).orElseThrow()
                .at("/spec/nodeName").asText()).containsExactly("n1", "n2");
        assertThat(cluster.get(ResourceTypes.DAEMON_SET, "default", "agent").orElseThrow().at("/status/desiredNumberScheduled").asInt())
                .isEqualTo(2);
    }

    @Test
    void createsThePodsOfManyNodesInOverlappingSlowStartBatches() {
        cluster.seed(ResourceTypes.DAEMON_SET, daemonSet("agent", "agent:1"));
        for (int i = 1; i <= 3; i++) {
            cluster.seed(ResourceTypes.NODE, node("n" + i));
        }
        BatchGate gate = new BatchGate(1, 2);
        GatedClient writer = new GatedClient(cluster, gate);

        new DaemonSetReconciler(cluster.cache(ResourceTypes.DAEMON_SET), cluster.cache(ResourceTypes.POD),
                cluster.cache(ResourceTypes.NODE), writer.client(), cluster.events(), new Expectations(clock, Duration.ofMinutes(5)), clock)
                .reconcile(KEY);

        assertThat(gate.finishedAtArrival()).containsExactly(0, 1, 1);
        assertThat(writer.eventsAtArrival()).containsOnly(0);
        assertThat(cluster.list(ResourceTypes.POD)).extracting(p -> p.at("/spec/nodeName").asText())
                .containsExactlyInAnyOrder("n1", "n2", "n3");
        assertThat(cluster.recordedEvents()).hasSize(3)
                .allMatch(e -> e.matches("agent Normal SuccessfulCreate: Created pod: agent-[a-z0-9]{5} on node n\\d"));
    }

    @Test
    void steadyStateDoesNothing() {
        cluster.seed(ResourceTypes.DAEMON_SET, daemonSet("agent", "agent:1"));
        cluster.seed(ResourceTypes.NODE, node("n1"));
        DaemonSetReconciler reconciler = reconciler();
        reconciler.reconcile(KEY);
        runPods();
        reconciler.reconcile(KEY);
        cluster.clearRecords();

        reconciler.reconcile(KEY);

        assertThat(cluster.writes()).isEmpty();
        assertThat(cluster.recordedEvents()).isEmpty();
    }

    @Test
    void aSecondReconcileOfAConvergedDaemonSetWritesNothingToTheRegistry() {
        try (RegistryCluster registry = new RegistryCluster(clock)) {
            ObjectNode ds = daemonSet("agent", "agent:1");
            ds.withObjectProperty("metadata").remove(List.of("uid", "generation"));
            registry.seed(ResourceTypes.DAEMON_SET, ds);
            registry.seed(ResourceTypes.NODE, node("n1"));
            registry.seed(ResourceTypes.NODE, node("n2"));
            DaemonSetReconciler reconciler = new DaemonSetReconciler(registry.cache(ResourceTypes.DAEMON_SET),
                    registry.cache(ResourceTypes.POD), registry.cache(ResourceTypes.NODE), registry.controllerClient(),
                    registry.events(), new Expectations(clock, Duration.ofMinutes(5)), clock);
            reconciler.reconcile(KEY);
            new Kubelet(registry, clock).runAllPods("n1");
            reconciler.reconcile(KEY);

            registry.assertWritesNothing(() -> {
                reconciler.reconcile(KEY);
                reconciler.reconcile(KEY);
            });
            assertThat(registry.get(ResourceTypes.DAEMON_SET, "default", "agent").orElseThrow().at("/status/numberReady")
                    .asInt()).isEqualTo(2);
        }
    }

    @Test
    void rollingUpdateReplacesOneNodeAtATimeAndWaitsForAvailability() {
        ObjectNode ds = cluster.seed(ResourceTypes.DAEMON_SET, daemonSet("agent", "agent:1"));
        for (int i = 1; i <= 3; i++) {
            cluster.seed(ResourceTypes.NODE, node("n" + i));
        }
        DaemonSetReconciler reconciler = reconciler();
        reconciler.reconcile(KEY);
        runPods();
        ObjectNode updated = cluster.get(ResourceTypes.DAEMON_SET, "default", "agent").orElseThrow();
        updated.withObjectProperty("spec").withObjectProperty("template").withObjectProperty("spec")
                .withArrayProperty("containers");
        ((ObjectNode) updated.at("/spec/template/spec/containers/0")).put("image", "agent:2");
        cluster.update(ResourceTypes.DAEMON_SET, updated);
        cluster.clearRecords();

        for (int step = 1; step <= 3; step++) {
            reconciler.reconcile(KEY);
            assertThat(cluster.writes()).filteredOn(w -> w.startsWith("delete")).hasSize(1);
            reconciler.reconcile(KEY);
            assertThat(cluster.writes()).filteredOn(w -> w.startsWith("create")).hasSize(1);
            reconciler.reconcile(KEY);
            assertThat(cluster.writes()).as("no more deletes while the replacement is not ready")
                    .filteredOn(w -> w.startsWith("delete")).hasSize(1);
            runPods();
        }
        reconciler.reconcile(KEY);

        assertThat(cluster.activePods()).hasSize(3)
                .allSatisfy(p -> assertThat(p.at("/spec/containers/0/image").asText()).isEqualTo("agent:2"));
        assertThat(cluster.get(ResourceTypes.DAEMON_SET, "default", "agent").orElseThrow().at("/status/updatedNumberScheduled").asInt())
                .isEqualTo(3);
        assertThat(cluster.get(ResourceTypes.DAEMON_SET, "default", "agent").orElseThrow().at("/metadata/uid").asText())
                .isEqualTo(ds.at("/metadata/uid").asText());
    }
}
