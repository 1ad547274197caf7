package dev.orc.reconciler.controller.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.Kubelet;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.controller.replicaset.ReplicaSetReconciler;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.orc.reconciler.controller.deployment.DeploymentFixture.deployment;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A converged Deployment and its ReplicaSet, on the real registry: once their pods run, reconciling them again
 * sends no write to the server and leaves the store's revision where it was.
 */
class DeploymentAtRestTest {
    private final ManualClock clock = new ManualClock();
    private final RegistryCluster registry = new RegistryCluster(clock);
    private final Kubelet kubelet = new Kubelet(registry, clock);
    private final DeploymentReconciler deployments = new DeploymentReconciler(registry.cache(ResourceTypes.DEPLOYMENT),
            registry.cache(ResourceTypes.REPLICA_SET), registry.cache(ResourceTypes.POD), registry.controllerClient(),
            registry.events(), clock);
    private final ReplicaSetReconciler replicaSets = new ReplicaSetReconciler(registry.cache(ResourceTypes.REPLICA_SET),
            registry.cache(ResourceTypes.POD), registry.controllerClient(), registry.events(),
            new Expectations(clock, Duration.ofMinutes(5)), clock);

    @AfterEach
    void close() {
        registry.close();
    }

    private void reconcileAll() {
        deployments.reconcile(new ObjectKey("default", "web"));
        for (ObjectNode rs : registry.list(ResourceTypes.REPLICA_SET)) {
            replicaSets.reconcile(ObjectKey.of(rs));
        }
    }

    @Test
    void aConvergedDeploymentAndItsReplicaSetWriteNothing() {
        registry.seed(ResourceTypes.DEPLOYMENT, deployment("web").replicas(3).build());
        registry.settle(10, () -> {
            reconcileAll();
            kubelet.runAllPods("n1");
        });

        registry.assertWritesNothing(() -> {
            reconcileAll();
            reconcileAll();
        });
        assertThat(registry.get(ResourceTypes.DEPLOYMENT, "default", "web").orElseThrow().at("/status/availableReplicas")
                .asInt()).isEqualTo(3);
    }

    @Test
    void aConvergedRollingUpdateWritesNothing() {
        registry.seed(ResourceTypes.DEPLOYMENT, deployment("web").replicas(2).build());
        registry.settle(10, () -> {
            reconcileAll();
            kubelet.runAllPods("n1");
        });
        ObjectNode changed = registry.get(ResourceTypes.DEPLOYMENT, "default", "web").orElseThrow();
        ((ObjectNode) changed.at("/spec/template/spec/containers/0")).put("image", "nginx:2");
        registry.client().update(ResourceTypes.DEPLOYMENT, "default", changed, dev.orc.api.client.WriteOptions.defaults());
        registry.settle(20, () -> {
            reconcileAll();
            kubelet.runAllPods("n1");
        });

        registry.assertWritesNothing(() -> reconcileAll());
        assertThat(registry.list(ResourceTypes.POD)).filteredOn(p -> !p.path("metadata").has("deletionTimestamp")).hasSize(2)
                .allSatisfy(p -> assertThat(p.at("/spec/containers/0/image").asText()).isEqualTo("nginx:2"));
    }
}
