package dev.orc.reconciler.controller.replicaset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.Kubelet;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.orc.reconciler.controller.replicaset.ReplicaSetFixtures.replicaSet;
import static dev.orc.reconciler.controller.replicaset.ReplicaSetFixtures.withMinReadySeconds;
import static org.assertj.core.api.Assertions.assertThat;

/** A converged ReplicaSet on the real registry: reconciling it again writes nothing, whatever its status holds. */
class ReplicaSetAtRestTest {
    private static final ObjectKey KEY = new ObjectKey("default", "web");
    private final ManualClock clock = new ManualClock();
    private final RegistryCluster registry = new RegistryCluster(clock);
    private final Kubelet kubelet = new Kubelet(registry, clock);
    private final ReplicaSetReconciler reconciler = new ReplicaSetReconciler(registry.cache(ResourceTypes.REPLICA_SET),
            registry.cache(ResourceTypes.POD), registry.controllerClient(), registry.events(),
            new Expectations(clock, Duration.ofMinutes(5)), clock);

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void aConvergedReplicaSetWritesNothing() {
        registry.seed(ResourceTypes.REPLICA_SET, withMinReadySeconds(replicaSet("web", 3), 5));
        registry.settle(10, () -> {
            reconciler.reconcile(KEY);
            kubelet.runAllPods("n1");
        });
        clock.advance(Duration.ofSeconds(10));
        registry.settle(3, () -> reconciler.reconcile(KEY));

        registry.assertWritesNothing(() -> reconciler.reconcile(KEY));
        ObjectNode rs = registry.get(ResourceTypes.REPLICA_SET, "default", "web").orElseThrow();
        assertThat(rs.at("/status/availableReplicas").asInt()).isEqualTo(3);
    }
}
