package dev.orc.reconciler.controller.deployment;

import dev.orc.api.apps.DeploymentAnnotations;
import dev.orc.api.apps.PodTemplateHash;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static dev.orc.reconciler.controller.deployment.DeploymentFixture.deployment;
import static dev.orc.reconciler.controller.deployment.DeploymentFixture.withImage;
import static dev.orc.reconciler.controller.deployment.RolloutSimulation.image;
import static dev.orc.reconciler.controller.deployment.RolloutSimulation.ready;
import static org.assertj.core.api.Assertions.assertThat;

class RollingUpdateTest {
    private final RolloutSimulation sim = new RolloutSimulation();

    @AfterEach
    void close() {
        sim.close();
    }

    private void startAt(ObjectNode deployment) {
        sim.cluster.seed(ResourceTypes.DEPLOYMENT, deployment);
        sim.settle(40);
    }

    @ParameterizedTest(name = "replicas {0}, maxSurge {1}, maxUnavailable {2}: at least {3} available, at most {4} pods")
    @CsvSource({
            "10, 3,   2,   8, 13",
            "10, 25%, 25%, 8, 13",
            "4,  25%, 25%, 3, 5",
            "3,  0,   1,   2, 3",
            "5,  1,   0,   5, 6",
            "1,  25%, 25%, 1, 2"})
    void rollingUpdateStaysWithinSurgeAndAvailabilityAtEveryStep(int replicas, String maxSurge, String maxUnavailable,
                                                                 int minAvailable, int maxTotal) {
        ObjectNode spec = deployment("web").replicas(replicas).build();
        spec.withObjectProperty("spec").putObject("strategy").put("type", "RollingUpdate").set("rollingUpdate",
                budgets(maxSurge, maxUnavailable));
        startAt(spec);
        List<String> violations = new ArrayList<>();
        List<Integer> totals = new ArrayList<>();
        sim.observer = cluster -> {
            List<ObjectNode> pods = cluster.activePods();
            long available = pods.stream().filter(RolloutSimulation::ready).count();
            totals.add(pods.size());
            if (available < minAvailable || pods.size() > maxTotal) {
                violations.add(available + " available of " + pods.size());
            }
        };

        sim.apply(withImage(sim.deployment(), "nginx:2"));
        sim.settle(60);

        assertThat(violations).isEmpty();
        assertThat(totals).contains(maxTotal);
        assertThat(sim.pods()).hasSize(replicas).allMatch(p -> image(p).equals("nginx:2") && ready(p));
        assertThat(sim.deployment().at("/status/updatedReplicas").asInt()).isEqualTo(replicas);
        assertThat(sim.deployment().at("/status/availableReplicas").asInt()).isEqualTo(replicas);
        assertThat(sim.deployment().at("/status/unavailableReplicas").asInt()).isZero();
        assertThat(RolloutSimulation.condition(sim.deployment(), "Progressing")).isEqualTo("True NewReplicaSetAvailable");
        assertThat(RolloutSimulation.condition(sim.deployment(), "Available")).isEqualTo("True MinimumReplicasAvailable");
    }

    private static ObjectNode budgets(String maxSurge, String maxUnavailable) {
        ObjectNode budgets = Json.object();
        if (maxSurge.endsWith("%")) {
            budgets.put("maxSurge", maxSurge);
        } else {
            budgets.put("maxSurge", Integer.parseInt(maxSurge));
        }
        if (maxUnavailable.endsWith("%")) {
            budgets.put("maxUnavailable", maxUnavailable);
        } else {
            budgets.put("maxUnavailable", Integer.parseInt(maxUnavailable));
        }
        return budgets;
    }

    @Test
    void replicaSetsAreNamedAndLabelledByTheTemplateHashAndPodsCarryIt() {
        startAt(deployment("web").replicas(2).build());

        ObjectNode rs = sim.replicaSets().get(0);
        String hash = PodTemplateHash.of(sim.deployment().at("/spec/template"), null);
        assertThat(rs.at("/metadata/name").asText()).isEqualTo("web-" + hash);
        assertThat(rs.at("/spec/selector/matchLabels/pod-template-hash").asText()).isEqualTo(hash);
        assertThat(rs.at("/spec/template/metadata/labels/pod-template-hash").asText()).isEqualTo(hash);
        assertThat(rs.at("/metadata/ownerReferences/0/uid").asText()).isEqualTo(sim.deployment().at("/metadata/uid").asText());
        assertThat(rs.at("/metadata/annotations/deployment.kubernetes.io~1revision").asText()).isEqualTo("1");
        assertThat(rs.at("/metadata/annotations/deployment.kubernetes.io~1desired-replicas").asText()).isEqualTo("2");
        assertThat(rs.at("/metadata/annotations/deployment.kubernetes.io~1max-replicas").asText()).isEqualTo("3");
        assertThat(sim.pods()).allMatch(p -> p.at("/metadata/labels/pod-template-hash").asText().equals(hash));
        assertThat(sim.deployment().at("/metadata/annotations/deployment.kubernetes.io~1revision").asText()).isEqualTo("1");
        assertThat(sim.cluster.recordedEvents()).isEmpty();
    }

    @Test
    void steadyStateDoesNothing() {
        startAt(deployment("web").replicas(3).build());
        sim.cluster.clearRecords();

        sim.round();

        assertThat(sim.cluster.writes()).isEmpty();
        assertThat(sim.cluster.recordedEvents()).isEmpty();
        assertThat(sim.lastDeploymentResult.requeue()).isFalse();
    }

    @Test
    void restartingThroughTheRestartedAtAnnotationRollsOutANewReplicaSet() {
        startAt(deployment("web").replicas(2).build());
        String before = sim.replicaSets().get(0).at("/metadata/name").asText();
        ObjectNode restarted = sim.deployment();
        ((ObjectNode) restarted.at("/spec/template/metadata")).putObject("annotations")
                .put(DeploymentAnnotations.RESTARTED_AT, "2026-01-01T00:05:00Z");

        sim.apply(restarted);
        sim.settle(30);

        assertThat(sim.replicaSets()).hasSize(2);
        assertThat(sim.pods()).hasSize(2).noneMatch(p -> p.at("/metadata/name").asText().startsWith(before + "-"));
    }

    @Test
    void eachScalingIsReportedAsAnEventOnTheDeployment() {
        startAt(deployment("web").replicas(2).rolling(1, 0).build());
        sim.cluster.clearRecords();

        sim.apply(withImage(sim.deployment(), "nginx:2"));
        sim.round();

        assertThat(sim.cluster.recordedEvents()).filteredOn(e -> e.contains("ScalingReplicaSet"))
                .singleElement().asString().matches("web Normal ScalingReplicaSet: Scaled up replica set web-\\w+ to 1");
    }
}
