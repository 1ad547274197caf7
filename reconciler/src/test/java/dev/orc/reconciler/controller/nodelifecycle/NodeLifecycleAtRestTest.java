package dev.orc.reconciler.controller.nodelifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Timestamps;
import dev.orc.reconciler.controller.PodFixture;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The node lifecycle controller on the real registry: a healthy node, and a lost one once handled, cost no writes. */
class NodeLifecycleAtRestTest {
    private static final ObjectKey KEY = new ObjectKey("", "n1");
    private final ManualClock clock = new ManualClock();
    private final RegistryCluster registry = new RegistryCluster(clock);
    private final NodeLifecycleReconciler reconciler = new NodeLifecycleReconciler(registry.cache(ResourceTypes.NODE),
            registry.cache(ResourceTypes.POD), registry.cache(ResourceTypes.LEASE), registry.controllerClient(),
            registry.events(), clock, NodeLifecycleConfig.defaults());

    @AfterEach
    void close() {
        registry.close();
    }

    private void seedNodeAndPod() {
        ObjectNode node = Json.object().put("apiVersion", "v1").put("kind", "Node");
        node.putObject("metadata").put("name", "n1");
        node.putObject("status").putArray("conditions").addObject().put("type", "Ready").put("status", "True")
                .put("reason", "KubeletReady").put("lastHeartbeatTime", Timestamps.format(clock.instant()))
                .put("lastTransitionTime", Timestamps.format(clock.instant()));
        registry.seed(ResourceTypes.NODE, node);
        ObjectNode pod = PodFixture.pod("web").node("n1").ready(clock.instant()).build();
        pod.withObjectProperty("metadata").remove("uid");
        registry.seed(ResourceTypes.POD, pod);
    }

    @Test
    void aHealthyNodeWritesNothing() {
        seedNodeAndPod();
        reconciler.reconcile(KEY);
        clock.advance(Duration.ofSeconds(2));

        registry.assertWritesNothing(() -> reconciler.reconcile(KEY));
    }

    @Test
    void aLostNodeOnceTaintedAndEmptiedWritesNothing() {
        seedNodeAndPod();
        reconciler.reconcile(KEY);
        clock.advance(NodeLifecycleConfig.DEFAULT_GRACE_PERIOD.plusSeconds(1));
        reconciler.reconcile(KEY);
        clock.advance(Duration.ofSeconds(4));
        registry.settle(5, () -> reconciler.reconcile(KEY));

        registry.assertWritesNothing(() -> reconciler.reconcile(KEY));
        assertThat(registry.get(ResourceTypes.NODE, "", "n1").orElseThrow().at("/spec/taints/0/key").asText())
                .isEqualTo("node.kubernetes.io/unreachable");
    }
}
