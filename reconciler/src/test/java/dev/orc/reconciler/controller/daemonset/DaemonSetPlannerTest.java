package dev.orc.reconciler.controller.daemonset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.Node;
import dev.orc.api.model.Pod;
import dev.orc.reconciler.controller.PodFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.orc.reconciler.controller.daemonset.DaemonSetFixtures.daemonSet;
import static dev.orc.reconciler.controller.daemonset.DaemonSetFixtures.label;
import static dev.orc.reconciler.controller.daemonset.DaemonSetFixtures.node;
import static dev.orc.reconciler.controller.daemonset.DaemonSetFixtures.taint;
import static dev.orc.reconciler.controller.daemonset.DaemonSetFixtures.templateSpec;
import static org.assertj.core.api.Assertions.assertThat;

class DaemonSetPlannerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");

    private static Node typed(ObjectNode node) {
        return Json.convert(node, Node.class);
    }

    private static Pod daemonPod(ObjectNode ds, String name, String node, String revision) {
        ObjectNode pod = PodFixture.pod(name).ownedBy(ds).node(node).ready(NOW.minusSeconds(60)).build();
        pod.withObjectProperty("metadata").withObjectProperty("labels").put(DaemonPods.REVISION_LABEL, revision);
        return Json.convert(pod, Pod.class);
    }

    private static List<String> createdOn(DaemonSetPlan plan) {
        return plan.creates().stream().map(p -> p.path("spec").path("nodeName").asText()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no constraints                      | plain        | true",
            "nodeSelector matches                | selector-hit | true",
            "nodeSelector misses                 | selector-miss| false",
            "required affinity misses            | affinity-miss| false",
            "untolerated NoSchedule taint        | noschedule   | false",
            "untolerated NoExecute taint         | noexecute    | false",
            "tolerated NoExecute taint           | tolerated    | true",
            "PreferNoSchedule taint is ignored   | prefer       | true",
            "cordoned node still gets a daemon   | cordoned     | true",
            "unreachable node still gets a daemon| unreachable  | true"})
    void placesOnePodOnEveryEligibleNode(String description, String scenario, boolean placed) {
        ObjectNode ds = daemonSet("agent", "agent:1");
        ObjectNode n1 = node("n1");
        switch (scenario.trim()) {
            case "selector-hit" -> {
                templateSpec(ds).putObject("nodeSelector").put("disk", "ssd");
                label(n1, "disk", "ssd");
            }
            case "selector-miss" -> templateSpec(ds).putObject("nodeSelector").put("disk", "ssd");
            case "affinity-miss" -> templateSpec(ds).set("affinity", Json.parse("""
                    {"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
                      {"matchExpressions":[{"key":"zone","operator":"In","values":["a"]}]}]}}}"""));
            case "noschedule" -> taint(n1, "dedicated", "NoSchedule");
            case "noexecute" -> taint(n1, "dedicated", "NoExecute");
            case "tolerated" -> {
                taint(n1, "dedicated", "NoExecute");
                templateSpec(ds).withArrayProperty("tolerations").addObject().put("key", "dedicated")
                        .put("operator", "Exists");
            }
            case "prefer" -> taint(n1, "dedicated", "PreferNoSchedule");
            case "cordoned" -> {
                n1.withObjectProperty("spec").put("unschedulable", true);
                taint(n1, "node.kubernetes.io/unschedulable", "NoSchedule");
            }
            case "unreachable" -> taint(n1, "node.kubernetes.io/unreachable", "NoExecute");
            default -> { }
        }

        DaemonSetPlan plan = DaemonSetPlanner.plan(ds, List.of(typed(n1)), List.of(), NOW);

        assertThat(createdOn(plan)).isEqualTo(placed ? List.of("n1") : List.of());
        assertThat(plan.status().desiredNumberScheduled()).isEqualTo(placed ? 1 : 0);
    }

    @Test
    void createdPodIsBoundToItsNodeOwnedLabelledAndToleratesNodeTrouble() {
        ObjectNode ds = daemonSet("agent", "agent:1");

        ObjectNode pod = DaemonSetPlanner.plan(ds, List.of(typed(node("n1"))), List.of(), NOW).creates().get(0);

        assertThat(pod.at("/metadata/generateName").asText()).isEqualTo("agent-");
        assertThat(pod.at("/spec/nodeName").asText()).isEqualTo("n1");
        assertThat(pod.at("/metadata/labels/app").asText()).isEqualTo("agent");
        assertThat(pod.at("/metadata/labels/controller-revision-hash").asText()).isEqualTo(DaemonPods.revision(ds));
        assertThat(pod.at("/metadata/ownerReferences/0/uid").asText()).isEqualTo("uid-agent");
        assertThat(pod.at("/metadata/ownerReferences/0/controller").asBoolean()).isTrue();
        List<String> tolerated = new ArrayList<>();
        pod.at("/spec/tolerations").forEach(t -> tolerated.add(t.path("key").asText() + ":" + t.path("effect").asText()
                + (t.has("tolerationSeconds") ? "/" + t.path("tolerationSeconds") : "")));
        assertThat(tolerated).contains("node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/unreachable:NoExecute",
                "node.kubernetes.io/unschedulable:NoSchedule");
    }

    @Test
    void newNodeGetsAPodAndRemovedNodesPodIsDeleted() {
        ObjectNode ds = daemonSet("agent", "agent:1");
        String revision = DaemonPods.revision(ds);
        Pod onN1 = daemonPod(ds, "agent-a", "n1", revision);
        Pod onGone = daemonPod(ds, "agent-b", "gone", revision);

        DaemonSetPlan plan = DaemonSetPlanner.plan(ds, List.of(typed(node("n1")), typed(node("n2"))),
                List.of(onN1, onGone), NOW);

        assertThat(createdOn(plan)).containsExactly("n2");
        assertThat(plan.deletes()).extracting(Pod::name).containsExactly("agent-b");
    }

    @Test
    void podOnNodeThatNoLongerMatchesIsDeletedAndCountedMisscheduled() {
        ObjectNode ds = daemonSet("agent", "agent:1");
        templateSpec(ds).putObject("nodeSelector").put("disk", "ssd");
        Pod pod = daemonPod(ds, "agent-a", "n1", DaemonPods.revision(ds));

        DaemonSetPlan plan = DaemonSetPlanner.plan(ds, List.of(typed(node("n1"))), List.of(pod), NOW);

        assertThat(plan.deletes()).extracting(Pod::name).containsExactly("agent-a");
        assertThat(plan.status().numberMisscheduled()).isEqualTo(1);
    }

    @Test
    void failedAndDuplicatePodsAreReplacedByOne() {
        ObjectNode ds = daemonSet("agent", "agent:1");
        String revision = DaemonPods.revision(ds);
        Pod failed = Json.convert(PodFixture.pod("agent-f").ownedBy(ds).node("n1").phase("Failed").build(), Pod.class);
        Pod first = daemonPod(ds, "agent-1", "n2", revision);
        Pod second = daemonPod(ds, "agent-2", "n2", revision);

        DaemonSetPlan plan = DaemonSetPlanner.plan(ds, List.of(typed(node("n1")), typed(node("n2"))),
                List.of(failed, first, second), NOW);

        assertThat(plan.deletes()).extracting(Pod::name).containsExactlyInAnyOrder("agent-f", "agent-2");
        assertThat(createdOn(plan)).containsExactly("n1");
    }

    @ParameterizedTest(name = "maxUnavailable {0} of 5 nodes")
    @CsvSource({"1, 1", "2, 2", "40%, 2", "10%, 1"})
    void rollingUpdateTakesDownAtMostMaxUnavailableOldPods(String maxUnavailable, int expected) {
        ObjectNode ds = daemonSet("agent", "agent:2");
        ObjectNode rolling = ds.withObjectProperty("spec").withObjectProperty("updateStrategy").withObjectProperty("rollingUpdate");
        if (maxUnavailable.endsWith("%")) {
            rolling.put("maxUnavailable", maxUnavailable);
        } else {
            rolling.put("maxUnavailable", Integer.parseInt(maxUnavailable));
        }
        List<Node> nodes = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            nodes.add(typed(node("n" + i)));
            pods.add(daemonPod(ds, "agent-" + i, "n" + i, "old"));
        }

        DaemonSetPlan plan = DaemonSetPlanner.plan(ds, nodes, pods, NOW);

        assertThat(plan.deletes()).hasSize(expected);
        assertThat(plan.creates()).isEmpty();
        assertThat(plan.status().updatedNumberScheduled()).isZero();
    }

    @Test
    void rollingUpdateWaitsWhileAReplacementIsNotYetAvailable() {
        ObjectNode ds = daemonSet("agent", "agent:2");
        String revision = DaemonPods.revision(ds);
        Pod starting = Json.convert(PodFixture.pod("agent-new").ownedBy(ds).node("n1").phase("Running")
                .labels(DaemonPods.REVISION_LABEL, revision).build(), Pod.class);
        List<Pod> pods = List.of(starting, daemonPod(ds, "agent-2", "n2", "old"), daemonPod(ds, "agent-3", "n3", "old"));

        DaemonSetPlan waiting = DaemonSetPlanner.plan(ds, List.of(typed(node("n1")), typed(node("n2")), typed(node("n3"))),
                pods, NOW);

        assertThat(waiting.deletes()).isEmpty();
        assertThat(waiting.status().updatedNumberScheduled()).isEqualTo(1);
        assertThat(waiting.status().numberUnavailable()).isEqualTo(1);
    }

    @Test
    void onDeleteStrategyReplacesNothingByItself() {
        ObjectNode ds = daemonSet("agent", "agent:2");
        ds.withObjectProperty("spec").set("updateStrategy", Json.parse("{\"type\":\"OnDelete\"}"));

        DaemonSetPlan plan = DaemonSetPlanner.plan(ds, List.of(typed(node("n1"))),
                List.of(daemonPod(ds, "agent-1", "n1", "old")), NOW);

        assertThat(plan.deletes()).isEmpty();
        assertThat(plan.creates()).isEmpty();
    }

    @Test
    void statusCountsScheduledReadyUpdatedAndAvailable() {
        ObjectNode ds = daemonSet("agent", "agent:1");
        String revision = DaemonPods.revision(ds);
        Pod pending = Json.convert(PodFixture.pod("agent-2").ownedBy(ds).node("n2")
                .labels(DaemonPods.REVISION_LABEL, revision).build(), Pod.class);

        DaemonSetPlan plan = DaemonSetPlanner.plan(ds, List.of(typed(node("n1")), typed(node("n2")), typed(node("n3"))),
                List.of(daemonPod(ds, "agent-1", "n1", revision), pending), NOW);

        assertThat(plan.status().desiredNumberScheduled()).isEqualTo(3);
        assertThat(plan.status().currentNumberScheduled()).isEqualTo(2);
        assertThat(plan.status().numberReady()).isEqualTo(1);
        assertThat(plan.status().numberAvailable()).isEqualTo(1);
        assertThat(plan.status().numberUnavailable()).isEqualTo(2);
        assertThat(plan.status().updatedNumberScheduled()).isEqualTo(2);
        assertThat(plan.status().observedGeneration()).isEqualTo(1L);
    }
}
