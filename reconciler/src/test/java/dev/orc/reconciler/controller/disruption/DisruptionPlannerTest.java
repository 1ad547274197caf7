package dev.orc.reconciler.controller.disruption;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.Condition;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodDisruptionBudget;
import dev.orc.api.model.PodDisruptionBudgetStatus;
import dev.orc.api.model.Timestamps;
import dev.orc.reconciler.controller.PodFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The disruption controller's arithmetic, case by case as Kubernetes computes it. */
class DisruptionPlannerTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final ObjectNode DEPLOYMENT = owner("Deployment", "web", "uid-deploy");
    private static final ObjectNode REPLICA_SET = owner("ReplicaSet", "web-1", "uid-rs");

    /** The ReplicaSet belongs to a Deployment of {@code replicas}. */
    private static ScaleLookup deploymentOf(int replicas) {
        return (namespace, ref) -> ref.uid().equals("uid-rs")
                ? Optional.of(new ControllerScale("uid-deploy", replicas)) : Optional.empty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            minAvailable 2 of 3 ready                         | minAvailable   | 2    | 3 | 3 | 3 | 2 | 1
            minAvailable 2 of 2 ready: nothing to spare        | minAvailable   | 2    | 2 | 2 | 2 | 2 | 0
            minAvailable 3, only 2 ready: never below 0        | minAvailable   | 3    | 2 | 2 | 2 | 3 | 0
            minAvailable 50% of 3 rounds up to 2               | minAvailable   | 50%  | 3 | 3 | 3 | 2 | 1
            minAvailable 34% of 3 rounds up to 2               | minAvailable   | 34%  | 3 | 3 | 3 | 2 | 1
            minAvailable 100% of 4 is 4                        | minAvailable   | 100% | 4 | 4 | 4 | 4 | 0
            maxUnavailable 1 of 3                              | maxUnavailable | 1    | 3 | 3 | 3 | 2 | 1
            maxUnavailable 50% of 3 rounds up to 2: desired 1  | maxUnavailable | 50%  | 3 | 3 | 3 | 1 | 2
            maxUnavailable 25% of 10 rounds up to 3: desired 7 | maxUnavailable | 25%  | 10| 10| 10| 7 | 3
            maxUnavailable 0 of 3                              | maxUnavailable | 0    | 3 | 3 | 3 | 3 | 0
            maxUnavailable 5 of 3: desired never below 0       | maxUnavailable | 5    | 3 | 3 | 3 | 0 | 3
            percent counts the scale, not the pods there are   | maxUnavailable | 50%  | 4 | 2 | 4 | 2 | 0
            """)
    void computesDesiredAndAllowed(String name, String field, String value, int replicas, int readyPods,
                                   int expectedPods, int desiredHealthy, int disruptionsAllowed) {
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < readyPods; i++) {
            pods.add(pod(PodFixture.pod("web-" + i).ownedBy(REPLICA_SET).ready(NOW.minusSeconds(60))));
        }
        ObjectNode spec = Json.object();
        if (value.endsWith("%")) {
            spec.put(field, value);
        } else {
            spec.put(field, Integer.parseInt(value));
        }
        int expected = field.equals("minAvailable") && !value.endsWith("%") ? readyPods : expectedPods;

        PodDisruptionBudgetStatus status = DisruptionPlanner.plan(budget(spec), pods, deploymentOf(replicas), NOW).status();

        assertThat(status.expectedPods()).isEqualTo(expected);
        assertThat(status.currentHealthy()).isEqualTo(readyPods);
        assertThat(status.desiredHealthy()).isEqualTo(desiredHealthy);
        assertThat(status.disruptionsAllowed()).isEqualTo(disruptionsAllowed);
        assertThat(status.observedGeneration()).isEqualTo(3L);
        Condition allowed = status.condition(PodDisruptionBudgetStatus.DISRUPTION_ALLOWED).orElseThrow();
        assertThat(allowed.status()).isEqualTo(disruptionsAllowed > 0 ? "True" : "False");
        assertThat(allowed.reason()).isEqualTo(disruptionsAllowed > 0 ? "SufficientPods" : "InsufficientPods");
    }

    @Test
    void unreadyTerminatingAndRecentlyEvictedPodsAreNotHealthy() {
        ObjectNode spec = Json.object().put("minAvailable", 1);
        ObjectNode pdb = budgetJson(spec);
        pdb.putObject("status").putObject("disruptedPods").put("web-evicted", Timestamps.format(NOW.minusSeconds(30)));
        List<Pod> pods = List.of(
                pod(PodFixture.pod("web-ready").ownedBy(REPLICA_SET).ready(NOW)),
                pod(PodFixture.pod("web-starting").ownedBy(REPLICA_SET).phase("Running")),
                pod(PodFixture.pod("web-leaving").ownedBy(REPLICA_SET).ready(NOW).deleting(NOW)),
                pod(PodFixture.pod("web-evicted").ownedBy(REPLICA_SET).ready(NOW)));

        DisruptionPlan plan = DisruptionPlanner.plan(Json.convert(pdb, PodDisruptionBudget.class), pods,
                deploymentOf(4), NOW);

        assertThat(plan.status().currentHealthy()).isEqualTo(1);
        assertThat(plan.status().expectedPods()).isEqualTo(4);
        assertThat(plan.status().disruptionsAllowed()).isZero();
        assertThat(plan.status().disruptedPods()).containsOnlyKeys("web-evicted");
        assertThat(plan.recheckAfter()).contains(Duration.ofSeconds(91));
    }

    @Test
    void anEvictedPodThatWasNotDeletedWithinTwoMinutesCountsAgain() {
        ObjectNode pdb = budgetJson(Json.object().put("minAvailable", 1));
        pdb.putObject("status").putObject("disruptedPods").put("web-0", Timestamps.format(NOW.minusSeconds(121)));
        List<Pod> pods = List.of(pod(PodFixture.pod("web-0").ownedBy(REPLICA_SET).ready(NOW)),
                pod(PodFixture.pod("web-1").ownedBy(REPLICA_SET).ready(NOW)));

        DisruptionPlan plan = DisruptionPlanner.plan(Json.convert(pdb, PodDisruptionBudget.class), pods,
                deploymentOf(2), NOW);

        assertThat(plan.status().disruptedPods()).isEmpty();
        assertThat(plan.status().currentHealthy()).isEqualTo(2);
        assertThat(plan.status().disruptionsAllowed()).isEqualTo(1);
        assertThat(plan.recheckAfter()).isEmpty();
    }

    @Test
    void nothingExpectedAllowsNoDisruption() {
        PodDisruptionBudgetStatus status = DisruptionPlanner.plan(budget(Json.object().put("maxUnavailable", 1)),
                List.of(), deploymentOf(0), NOW).status();

        assertThat(status.expectedPods()).isZero();
        assertThat(status.disruptionsAllowed()).isZero();
    }

    @Test
    void podsWithoutAControllerAreNotCountedInAPercentageButAreInAnIntegerMinAvailable() {
        List<Pod> pods = List.of(pod(PodFixture.pod("a").ready(NOW)), pod(PodFixture.pod("b").ready(NOW)),
                pod(PodFixture.pod("web-0").ownedBy(REPLICA_SET).ready(NOW)));

        PodDisruptionBudgetStatus percent = DisruptionPlanner.plan(budget(Json.object().put("minAvailable", "100%")),
                pods, deploymentOf(1), NOW).status();
        PodDisruptionBudgetStatus count = DisruptionPlanner.plan(budget(Json.object().put("minAvailable", 1)),
                pods, deploymentOf(1), NOW).status();

        assertThat(percent.expectedPods()).isEqualTo(1);
        assertThat(percent.disruptionsAllowed()).isEqualTo(2);
        assertThat(count.expectedPods()).isEqualTo(3);
        assertThat(count.disruptionsAllowed()).isEqualTo(2);
    }

    @Test
    void twoReplicaSetsOfOneDeploymentCountItsReplicasOnce() {
        ObjectNode old = owner("ReplicaSet", "web-0", "uid-rs-old");
        ScaleLookup scales = (namespace, ref) -> Optional.of(new ControllerScale("uid-deploy", 3));
        List<Pod> pods = List.of(pod(PodFixture.pod("web-a").ownedBy(REPLICA_SET).ready(NOW)),
                pod(PodFixture.pod("web-b").ownedBy(old).ready(NOW)));

        PodDisruptionBudgetStatus status = DisruptionPlanner.plan(budget(Json.object().put("maxUnavailable", 1)),
                pods, scales, NOW).status();

        assertThat(status.expectedPods()).isEqualTo(3);
    }

    @Test
    void aControllerThatCannotBeFoundFailsSafe() {
        List<Pod> pods = List.of(pod(PodFixture.pod("web-0").ownedBy(DEPLOYMENT).ready(NOW)));

        PodDisruptionBudgetStatus status = DisruptionPlanner.plan(budget(Json.object().put("maxUnavailable", 1)), pods,
                deploymentOf(1), NOW).status();

        assertThat(status.disruptionsAllowed()).isZero();
        Condition condition = status.condition(PodDisruptionBudgetStatus.DISRUPTION_ALLOWED).orElseThrow();
        assertThat(condition.status()).isEqualTo("False");
        assertThat(condition.reason()).isEqualTo("SyncFailed");
        assertThat(condition.message()).isEqualTo("found no controllers for pod \"web-0\"");
    }

    @Test
    void theSelectorPicksPodsAndAMissingSelectorPicksNone() {
        List<Pod> pods = List.of(pod(PodFixture.pod("web-0").ownedBy(REPLICA_SET).ready(NOW)),
                pod(PodFixture.pod("db-0").labels("app", "db").ownedBy(REPLICA_SET).ready(NOW)));
        ObjectNode noSelector = budgetJson(Json.object().put("minAvailable", 1));
        ((ObjectNode) noSelector.get("spec")).remove("selector");
        ObjectNode everything = budgetJson(Json.object().put("minAvailable", 1));
        ((ObjectNode) everything.get("spec")).putObject("selector");

        assertThat(DisruptionPlanner.plan(budget(Json.object().put("minAvailable", 1)), pods, deploymentOf(2), NOW)
                .status().expectedPods()).isEqualTo(1);
        assertThat(DisruptionPlanner.plan(Json.convert(noSelector, PodDisruptionBudget.class), pods, deploymentOf(2),
                NOW).status().expectedPods()).isZero();
        assertThat(DisruptionPlanner.plan(Json.convert(everything, PodDisruptionBudget.class), pods, deploymentOf(2),
                NOW).status().expectedPods()).isEqualTo(2);
    }

    @Test
    void theConditionKeepsItsTransitionTimeWhileItHolds() {
        List<Pod> pods = List.of(pod(PodFixture.pod("web-0").ownedBy(REPLICA_SET).ready(NOW)),
                pod(PodFixture.pod("web-1").ownedBy(REPLICA_SET).ready(NOW)));
        PodDisruptionBudget pdb = budget(Json.object().put("minAvailable", 1));
        PodDisruptionBudgetStatus first = DisruptionPlanner.plan(pdb, pods, deploymentOf(2), NOW).status();

        PodDisruptionBudgetStatus second = DisruptionPlanner.plan(pdb.withStatus(first), pods, deploymentOf(2),
                NOW.plusSeconds(300)).status();

        assertThat(second).isEqualTo(first);
    }

    private static PodDisruptionBudget budget(ObjectNode spec) {
        return Json.convert(budgetJson(spec), PodDisruptionBudget.class);
    }

    private static ObjectNode budgetJson(ObjectNode spec) {
        ObjectNode pdb = Json.object().put("apiVersion", "policy/v1").put("kind", "PodDisruptionBudget");
        pdb.putObject("metadata").put("namespace", "default").put("name", "web").put("generation", 3);
        spec.putObject("selector").putObject("matchLabels").put("app", "web");
        pdb.set("spec", spec);
        return pdb;
    }

    private static Pod pod(PodFixture fixture) {
        return Json.convert(fixture.build(), Pod.class);
    }

    private static ObjectNode owner(String kind, String name, String uid) {
        ObjectNode owner = Json.object().put("apiVersion", "apps/v1").put("kind", kind);
        owner.putObject("metadata").put("namespace", "default").put("name", name).put("uid", uid);
        return owner;
    }
}
