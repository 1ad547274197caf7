package dev.orc.reconciler.controller.replicaset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.model.Pod;
import dev.orc.api.model.ReplicaSet;
import dev.orc.reconciler.controller.PodFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static dev.orc.reconciler.controller.PodFixture.pod;
import static dev.orc.reconciler.controller.replicaset.ReplicaSetFixtures.replicaSet;
import static dev.orc.reconciler.controller.replicaset.ReplicaSetFixtures.withMinReadySeconds;
import static org.assertj.core.api.Assertions.assertThat;

class ReplicaSetPlannerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final ObjectNode RS = replicaSet("web", 1);

    private static ReplicaSetPlan plan(ObjectNode rs, boolean mayManage, PodFixture... pods) {
        List<Cached<Pod>> cached = Stream.of(pods).map(p -> Cached.of(p.build(), Pod.class)).toList();
        return ReplicaSetPlanner.plan(Cached.of(rs, ReplicaSet.class), cached, mayManage, NOW);
    }

    private static PodFixture owned(String name) {
        return pod(name).ownedBy(RS).created(NOW.minusSeconds(600));
    }

    @Test
    void createsTheMissingPodsFromTheTemplateOwnedByTheReplicaSet() {
        ReplicaSetPlan plan = plan(replicaSet("web", 3), true, pod("web-a").ownedBy(replicaSet("web", 3)));

        assertThat(plan.actions()).hasSize(2).allSatisfy(action -> {
            ObjectNode created = ((PodAction.Create) action).pod();
            assertThat(created.at("/metadata/generateName").asText()).isEqualTo("web-");
            assertThat(created.at("/metadata/labels/app").asText()).isEqualTo("web");
            assertThat(created.at("/metadata/ownerReferences/0/uid").asText()).isEqualTo("uid-web");
            assertThat(created.at("/metadata/ownerReferences/0/controller").asBoolean()).isTrue();
            assertThat(created.at("/metadata/ownerReferences/0/blockOwnerDeletion").asBoolean()).isTrue();
            assertThat(created.at("/spec/containers/0/image").asText()).isEqualTo("nginx:1");
        });
    }

    static Stream<Arguments> deletionPreferences() {
        Instant old = NOW.minusSeconds(3600);
        return Stream.of(
                Arguments.of("unscheduled before scheduled", owned("first"), owned("kept").node("node-1"), List.of()),
                Arguments.of("pending before running", owned("first").node("n"), owned("kept").node("n").phase("Running"), List.of()),
                Arguments.of("not ready before ready", owned("first").node("n").phase("Running"), owned("kept").ready(old), List.of()),
                Arguments.of("lower deletion cost first",
                        owned("first").ready(old).annotation(PodDeletionOrder.DELETION_COST, "-5"), owned("kept").ready(old), List.of()),
                Arguments.of("doubled up on a node before alone",
                        owned("first").node("busy").ready(old), owned("kept").node("quiet").ready(old),
                        List.of(owned("sibling").node("busy").ready(old))),
                Arguments.of("ready for less time first", owned("first").ready(NOW.minusSeconds(10)), owned("kept").ready(old), List.of()),
                Arguments.of("more restarts first", owned("first").ready(old).restarts(4), owned("kept").ready(old).restarts(1), List.of()),
                Arguments.of("younger before older",
                        owned("first").ready(old).created(NOW.minusSeconds(60)), owned("kept").ready(old).created(NOW.minusSeconds(6000)), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deletionPreferences")
    void deletesSurplusPodsInKubernetesOrder(String preference, PodFixture first, PodFixture kept, List<PodFixture> others) {
        PodFixture[] pods = Stream.concat(Stream.of(first, kept), others.stream()).toArray(PodFixture[]::new);
        int replicas = pods.length - 1;

        ReplicaSetPlan plan = plan(replicaSet("web", replicas), true, pods);

        assertThat(plan.actions()).containsExactly(new PodAction.Delete("first", "uid-first"));
    }

    @Test
    void adoptsMatchingOrphansReleasesPodsThatStopMatchingAndIgnoresOthersPods() {
        ObjectNode other = replicaSet("other", 1);
        ReplicaSetPlan plan = plan(replicaSet("web", 2), true,
                pod("orphan"), owned("relabelled").labels("app", "db"), pod("theirs").ownedBy(other), owned("mine"));

        assertThat(plan.actions()).extracting(a -> a.getClass().getSimpleName() + " " + switch (a) {
            case PodAction.Adopt adopt -> adopt.name();
            case PodAction.Release release -> release.name();
            case PodAction.Create create -> "new";
            case PodAction.Delete delete -> delete.name();
        }).containsExactly("Adopt orphan", "Release relabelled");
        PodAction.Adopt adopt = (PodAction.Adopt) plan.actions().get(0);
        assertThat(adopt.pod().at("/metadata/ownerReferences/0/uid").asText()).isEqualTo("uid-web");
        PodAction.Release release = (PodAction.Release) plan.actions().get(1);
        assertThat(release.pod().at("/metadata/ownerReferences").isMissingNode()).isTrue();
        assertThat(plan.status().replicas()).isEqualTo(2);
    }

    @Test
    void terminatingAndFinishedPodsDoNotCount() {
        ReplicaSetPlan plan = plan(replicaSet("web", 2), true,
                owned("running").ready(NOW), owned("leaving").ready(NOW).deleting(NOW), owned("done").phase("Succeeded"));

        assertThat(plan.actions()).hasSize(1).first().isInstanceOf(PodAction.Create.class);
        assertThat(plan.status().replicas()).isEqualTo(1);
    }

    @Test
    void makesNoCreatesOrDeletesWhileEarlierOnesAreNotYetInTheCache() {
        assertThat(plan(replicaSet("web", 3), false, owned("a")).actions()).isEmpty();
        assertThat(plan(replicaSet("web", 0), false, owned("a")).actions()).isEmpty();
    }

    @Test
    void countsPodsAvailableOnlyAfterMinReadySecondsAndAsksToLookAgainThen() {
        ObjectNode rs = withMinReadySeconds(replicaSet("web", 3), 10);

        ReplicaSetPlan plan = plan(rs, true, owned("long").ready(NOW.minusSeconds(20)),
                owned("recent").ready(NOW.minusSeconds(5)), owned("starting").node("n").phase("Running"));

        assertThat(plan.status().replicas()).isEqualTo(3);
        assertThat(plan.status().readyReplicas()).isEqualTo(2);
        assertThat(plan.status().availableReplicas()).isEqualTo(1);
        assertThat(plan.status().fullyLabeledReplicas()).isEqualTo(3);
        assertThat(plan.status().observedGeneration()).isEqualTo(1L);
        assertThat(plan.recheckAfter()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void steadyStatePlansNothing() {
        ObjectNode rs = replicaSet("web", 2);
        rs.putObject("status").put("replicas", 2).put("fullyLabeledReplicas", 2).put("readyReplicas", 2)
                .put("availableReplicas", 2).put("observedGeneration", 1);

        ReplicaSetPlan plan = plan(rs, true, owned("a").ready(NOW), owned("b").ready(NOW));

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.statusUpdate()).isEmpty();
        assertThat(plan.recheck()).isEmpty();
    }
}
