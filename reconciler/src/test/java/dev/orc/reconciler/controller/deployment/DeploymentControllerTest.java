package dev.orc.reconciler.controller.deployment;

import dev.orc.api.cache.ClientListWatcher;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ListWatcher;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Deployment;
import dev.orc.api.model.Pod;
import dev.orc.api.model.ReplicaSet;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.controller.runtime.Controller;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentControllerTest {
    private final ManualClock clock = new ManualClock();
    private final RegistryCluster cluster = new RegistryCluster(clock);
    private final ListWatcher source = new ClientListWatcher(cluster.client());

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void aDeploymentInTheCacheIsReconciledOnceTheCachesHaveSynced() throws Exception {
        cluster.seed(ResourceTypes.DEPLOYMENT, DeploymentFixture.deployment("web").replicas(2).build());
        Informer<Deployment> deployments = new Informer<>(ResourceTypes.DEPLOYMENT, Deployment.class, source, Duration.ofHours(1));
        Informer<ReplicaSet> replicaSets = new Informer<>(ResourceTypes.REPLICA_SET, ReplicaSet.class, source, Duration.ofHours(1));
        Informer<Pod> pods = new Informer<>(ResourceTypes.POD, Pod.class, source, Duration.ofHours(1));
        try (Controller controller = DeploymentController.create(deployments, replicaSets, pods, cluster.controllerClient(), cluster.events(), clock, 0)) {
            controller.start(Duration.ofSeconds(10));

            assertThat(controller.processNext(Duration.ofSeconds(10))).isTrue();

            assertThat(cluster.list(ResourceTypes.REPLICA_SET)).singleElement()
                    .satisfies(rs -> assertThat(rs.at("/spec/replicas").asInt()).isEqualTo(2));
        } finally {
            deployments.close();
            replicaSets.close();
            pods.close();
        }
    }
}
