package dev.orc.reconciler.controller.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.orc.reconciler.controller.deployment.DeploymentFixture.deployment;
import static dev.orc.reconciler.controller.deployment.DeploymentFixture.withImage;
import static dev.orc.reconciler.controller.deployment.DeploymentFixture.withPaused;
import static dev.orc.reconciler.controller.deployment.DeploymentFixture.withReplicas;
import static dev.orc.reconciler.controller.deployment.RolloutSimulation.condition;
import static dev.orc.reconciler.controller.deployment.RolloutSimulation.image;
import static org.assertj.core.api.Assertions.assertThat;

class RolloutStrategiesTest {
    private final RolloutSimulation sim = new RolloutSimulation();

    @AfterEach
    void close() {
        sim.close();
    }

    private void startAt(ObjectNode deployment) {
        sim.cluster.seed(ResourceTypes.DEPLOYMENT, deployment);
        sim.settle(40);
    }

    /** Replicas wanted per image, from the ReplicaSets' specs. */
    private Map<String, Integer> replicasByImage() {
        return sim.replicaSets().stream().collect(Collectors.toMap(RolloutSimulation::image,
                rs -> rs.at("/spec/replicas").asInt(), Integer::sum, TreeMap::new));
    }

    @Test
    void recreateNeverRunsOldAndNewPodsTogether() {
        startAt(deployment("web").replicas(3).recreate().build());
        sim.stopping = Duration.ofSeconds(5);
        List<String> overlaps = new ArrayList<>();
        sim.observer = cluster -> {
            List<String> images = cluster.list(ResourceTypes.POD).stream().map(RolloutSimulation::image).distinct().toList();
            if (images.size() > 1) {
                overlaps.add(String.join(" and ", images));
            }
        };

        sim.apply(withImage(sim.deployment(), "nginx:2"));
        sim.settle(30);

        assertThat(overlaps).isEmpty();
        assertThat(sim.pods()).hasSize(3).allMatch(p -> image(p).equals("nginx:2"));
        assertThat(replicasByImage()).containsExactly(Map.entry("nginx:1", 0), Map.entry("nginx:2", 3));
    }

    @Test
    void scalingMidRolloutSpreadsNewReplicasInProportionAsTheKubernetesDocsShow() {
        startAt(deployment("web").replicas(10).rolling(3, 2).build());
        sim.healthy = pod -> !image(pod).equals("nginx:bad");
        sim.apply(withImage(sim.deployment(), "nginx:bad"));
        sim.settle(30);
        assertThat(replicasByImage()).containsExactly(Map.entry("nginx:1", 8), Map.entry("nginx:bad", 5));

        sim.apply(withReplicas(sim.deployment(), 15));
        sim.settle(30);

        assertThat(replicasByImage()).containsExactly(Map.entry("nginx:1", 11), Map.entry("nginx:bad", 7));
        assertThat(sim.replicaSets()).allMatch(rs ->
                rs.at("/metadata/annotations/deployment.kubernetes.io~1desired-replicas").asText().equals("15"));
    }

    @Test
    void aPausedDeploymentDoesNotRollOutButStillScales() {
        startAt(deployment("web").replicas(2).build());
        sim.apply(withPaused(sim.deployment(), true));
        sim.settle(10);
        assertThat(condition(sim.deployment(), "Progressing")).isEqualTo("Unknown DeploymentPaused");

        sim.apply(withImage(sim.deployment(), "nginx:2"));
        sim.settle(10);
        sim.apply(withReplicas(sim.deployment(), 4));
        sim.settle(10);

        assertThat(replicasByImage()).containsExactly(Map.entry("nginx:1", 4));
        assertThat(sim.pods()).hasSize(4);

        sim.apply(withPaused(sim.deployment(), false));
        sim.settle(40);

        assertThat(replicasByImage()).containsExactly(Map.entry("nginx:1", 0), Map.entry("nginx:2", 4));
        assertThat(condition(sim.deployment(), "Progressing")).isEqualTo("True NewReplicaSetAvailable");
    }

    @Test
    void oldReplicaSetsBeyondTheHistoryLimitAreDeletedOldestFirst() {
        startAt(deployment("web").replicas(1).revisionHistoryLimit(2).build());
        for (int version = 2; version <= 5; version++) {
            sim.apply(withImage(sim.deployment(), "nginx:" + version));
            sim.settle(20);
        }

        assertThat(replicasByImage()).containsExactly(
                Map.entry("nginx:3", 0), Map.entry("nginx:4", 0), Map.entry("nginx:5", 1));
        assertThat(sim.replicaSets()).extracting(rs -> rs.at("/metadata/annotations/deployment.kubernetes.io~1revision").asText())
                .containsExactlyInAnyOrder("3", "4", "5");
    }

    @Test
    void aRolloutWithoutProgressForTheDeadlineReportsProgressDeadlineExceeded() {
        startAt(deployment("web").replicas(2).rolling(1, 0).progressDeadlineSeconds(60).build());
        sim.healthy = pod -> !image(pod).equals("nginx:bad");
        sim.apply(withImage(sim.deployment(), "nginx:bad"));
        sim.settle(10);
        assertThat(condition(sim.deployment(), "Progressing")).isEqualTo("True ReplicaSetUpdated");
        assertThat(sim.lastDeploymentResult.requeueAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(61));

        sim.clock.advance(sim.lastDeploymentResult.requeueAfter());
        sim.round();

        assertThat(condition(sim.deployment(), "Progressing")).isEqualTo("False ProgressDeadlineExceeded");
        assertThat(condition(sim.deployment(), "Available")).isEqualTo("True MinimumReplicasAvailable");
        assertThat(sim.lastDeploymentResult.requeue()).isFalse();
        sim.cluster.clearRecords();
        sim.round();
        assertThat(sim.cluster.writes()).isEmpty();
    }

    @Test
    void aDeploymentBelowMinimumAvailabilitySaysSo() {
        startAt(deployment("web").replicas(2).rolling(1, 0).build());
        sim.healthy = pod -> false;
        sim.cluster.list(ResourceTypes.POD).forEach(p ->
                sim.cluster.client().delete(ResourceTypes.POD, "default", p.at("/metadata/name").asText(), DeleteOptions.defaults()));

        sim.settle(10);

        assertThat(condition(sim.deployment(), "Available")).isEqualTo("False MinimumReplicasUnavailable");
        assertThat(sim.deployment().at("/status/unavailableReplicas").asInt()).isEqualTo(2);
    }
}
