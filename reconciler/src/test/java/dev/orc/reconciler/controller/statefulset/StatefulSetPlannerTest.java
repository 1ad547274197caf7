package dev.orc.reconciler.controller.statefulset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.model.StatefulSetStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.orc.reconciler.controller.statefulset.StatefulSetWorld.names;
import static org.assertj.core.api.Assertions.assertThat;

/** The StatefulSet planner on the cases of Kubernetes' StatefulSet documentation. */
class StatefulSetPlannerTest {

    @Test
    void orderedReadyStartsEachPodOnlyOnceThePodBeforeIsRunningAndReady() {
        StatefulSetWorld world = new StatefulSetWorld(3);

        assertThat(names(world.step().podCreates())).containsExactly("web-0");
        assertThat(names(world.step().podCreates())).as("web-0 is Pending").isEmpty();
        world.ready("web-0");
        assertThat(names(world.step().podCreates())).containsExactly("web-1");
        world.phase("web-1", "Running");
        assertThat(names(world.step().podCreates())).as("web-1 is Running but not Ready").isEmpty();
        world.ready("web-1");
        assertThat(names(world.step().podCreates())).containsExactly("web-2");
        world.ready("web-2");

        StatefulSetPlan rest = world.step();
        assertThat(rest.podCreates()).isEmpty();
        assertThat(rest.podDeletes()).isEmpty();
        assertThat(rest.status().replicas()).isEqualTo(3);
        assertThat(rest.status().readyReplicas()).isEqualTo(3);
        assertThat(rest.status().availableReplicas()).isEqualTo(3);
        assertThat(rest.status().observedGeneration()).isEqualTo(1L);
    }

    @Test
    void aPodHasItsStableIdentityAndItsOwnClaimMadeBeforeIt() {
        StatefulSetWorld world = new StatefulSetWorld(1);
        world.set.withObjectProperty("metadata").putObject("annotations").put("kubernetes.io/change-cause", "first");

        StatefulSetPlan plan = world.step();

        assertThat(names(plan.claimCreates())).containsExactly("data-web-0");
        ObjectNode claim = plan.claimCreates().getFirst();
        assertThat(claim.at("/metadata/labels/app").asText()).isEqualTo("web");
        assertThat(claim.at("/spec/resources/requests/storage").asText()).isEqualTo("1Gi");
        assertThat(claim.at("/metadata/ownerReferences").isMissingNode()).as("Retain: no owner").isTrue();
        ObjectNode pod = plan.podCreates().getFirst();
        assertThat(pod.at("/spec/hostname").asText()).isEqualTo("web-0");
        assertThat(pod.at("/spec/subdomain").asText()).isEqualTo("web");
        assertThat(pod.at("/metadata/labels/statefulset.kubernetes.io~1pod-name").asText()).isEqualTo("web-0");
        assertThat(pod.at("/metadata/labels/apps.kubernetes.io~1pod-index").asText()).isEqualTo("0");
        assertThat(pod.at("/metadata/labels/controller-revision-hash").asText())
                .isEqualTo(plan.status().updateRevision()).startsWith("web-");
        assertThat(pod.at("/metadata/ownerReferences/0/kind").asText()).isEqualTo("StatefulSet");
        assertThat(pod.at("/spec/volumes/0").toString())
                .isEqualTo("{\"name\":\"data\",\"persistentVolumeClaim\":{\"claimName\":\"data-web-0\"}}");
        assertThat(names(plan.revisionCreates())).containsExactly(plan.status().updateRevision());
        assertThat(plan.revisionCreates().getFirst().at("/data/spec/template/$patch").asText()).isEqualTo("replace");
        assertThat(plan.revisionCreates().getFirst().at("/metadata/annotations/kubernetes.io~1change-cause").asText())
                .as("the change-cause rollout history shows").isEqualTo("first");
    }

    @Test
    void aDeletedPodComesBackWithTheSameNameAndClaimWhichIsNeverDeleted() {
        StatefulSetWorld world = new StatefulSetWorld(2);
        world.converge();
        world.pods.remove("web-1");

        StatefulSetPlan plan = world.step();

        assertThat(names(plan.podCreates())).containsExactly("web-1");
        assertThat(plan.claimCreates()).as("data-web-1 is still there").isEmpty();
        assertThat(world.claims).containsOnlyKeys("data-web-0", "data-web-1");
    }

    @Test
    void orderedReadyScalesDownFromTheHighestOrdinalOneAtATime() {
        StatefulSetWorld world = new StatefulSetWorld(3);
        world.converge();
        world.replicas(1);

        assertThat(names(world.step().podDeletes())).containsExactly("web-2");
        assertThat(names(world.step().podDeletes())).containsExactly("web-1");
        assertThat(world.step().podDeletes()).isEmpty();
        assertThat(world.pods).containsOnlyKeys("web-0");
        assertThat(world.claims).as("claims outlive scale-down under Retain").hasSize(3);
    }

    @Test
    void orderedReadyWaitsForATerminatingPodBeforeGoingOn() {
        StatefulSetWorld world = new StatefulSetWorld(3);
        world.converge();
        world.replicas(1);
        world.terminating("web-2");

        StatefulSetPlan plan = world.step();

        assertThat(plan.podDeletes()).isEmpty();
    }

    @Test
    void orderedReadyDoesNotScaleDownWhileAReplicaIsUnhealthy() {
        StatefulSetWorld world = new StatefulSetWorld(3);
        world.converge();
        world.replicas(2);
        world.phase("web-0", "Pending");

        assertThat(world.step().podDeletes()).isEmpty();
    }

    @Test
    void parallelStartsAndStopsEveryPodAtOnce() {
        StatefulSetWorld world = new StatefulSetWorld(3).parallel();

        assertThat(names(world.step().podCreates())).containsExactly("web-0", "web-1", "web-2");
        world.replicas(0);
        assertThat(names(world.step().podDeletes())).containsExactlyInAnyOrder("web-2", "web-1", "web-0");
    }

    @Test
    void aFailedPodIsDeletedThenMadeAgain() {
        StatefulSetWorld world = new StatefulSetWorld(3);
        world.converge();
        world.phase("web-1", "Failed");

        StatefulSetPlan delete = world.step();
        assertThat(names(delete.podDeletes())).containsExactly("web-1");
        assertThat(delete.podCreates()).isEmpty();
        assertThat(names(world.step().podCreates())).containsExactly("web-1");
    }

    @Test
    void rollingUpdateReplacesTheHighestOrdinalFirstEachOnceThoseAboveAreReady() {
        StatefulSetWorld world = new StatefulSetWorld(3);
        world.converge();
        String old = world.revisionOf("web-0");
        world.image("web:2");

        StatefulSetPlan first = world.step();
        assertThat(names(first.podDeletes())).containsExactly("web-2");
        String update = first.status().updateRevision();
        assertThat(update).isNotEqualTo(old);
        assertThat(first.status().currentRevision()).isEqualTo(old);

        assertThat(names(world.step().podCreates())).containsExactly("web-2");
        assertThat(world.imageOf("web-2")).isEqualTo("web:2");
        assertThat(world.step().podDeletes()).as("web-2 not Ready yet").isEmpty();
        world.ready("web-2");
        assertThat(names(world.step().podDeletes())).containsExactly("web-1");

        world.converge();
        StatefulSetStatus status = world.step().status();
        assertThat(status.currentRevision()).isEqualTo(update);
        assertThat(status.updatedReplicas()).isEqualTo(3);
        assertThat(status.currentReplicas()).isEqualTo(3);
        assertThat(List.of(world.imageOf("web-0"), world.imageOf("web-1"), world.imageOf("web-2")))
                .containsOnly("web:2");
    }

    @Test
    void aPartitionKeepsTheOrdinalsBelowItAtTheCurrentRevisionEvenWhenMadeAgain() {
        StatefulSetWorld world = new StatefulSetWorld(3);
        world.converge();
        world.spec().with("updateStrategy").with("rollingUpdate").put("partition", 2);
        world.image("web:2");

        world.converge();
        assertThat(List.of(world.imageOf("web-0"), world.imageOf("web-1"), world.imageOf("web-2")))
                .containsExactly("web:1", "web:1", "web:2");
        StatefulSetStatus status = world.step().status();
        assertThat(status.updatedReplicas()).isEqualTo(1);
        assertThat(status.currentReplicas()).isEqualTo(2);
        assertThat(status.currentRevision()).isNotEqualTo(status.updateRevision());

        world.pods.remove("web-1");
        world.step();
        assertThat(world.imageOf("web-1")).as("below the partition: the current revision").isEqualTo("web:1");
    }

    @Test
    void onDeleteReplacesNothingUntilThePodIsDeletedThenMakesItFromTheUpdateRevision() {
        StatefulSetWorld world = new StatefulSetWorld(2);
        world.spec().putObject("updateStrategy").put("type", "OnDelete");
        world.converge();
        world.image("web:2");

        assertThat(world.step().podDeletes()).isEmpty();
        world.pods.remove("web-0");
        world.step();
        assertThat(world.imageOf("web-0")).isEqualTo("web:2");
        assertThat(world.imageOf("web-1")).isEqualTo("web:1");
    }

    @Test
    void maxUnavailableReplacesThatManyPodsAtOnceCountingUnhealthyOnes() {
        StatefulSetWorld world = new StatefulSetWorld(4);
        world.spec().with("updateStrategy").with("rollingUpdate").put("maxUnavailable", 2);
        world.parallel().converge();
        world.image("web:2");

        assertThat(names(world.step().podDeletes())).containsExactly("web-3", "web-2");
        world.step();
        assertThat(world.step().podDeletes()).as("two unavailable already").isEmpty();
        world.ready("web-3");
        assertThat(names(world.step().podDeletes())).containsExactly("web-1");
    }

    @Test
    void aPercentageOfMaxUnavailableRoundsDownToAtLeastOne() {
        StatefulSetWorld world = new StatefulSetWorld(3);
        world.spec().with("updateStrategy").with("rollingUpdate").put("maxUnavailable", "50%");
        world.parallel().converge();
        world.image("web:2");

        assertThat(names(world.step().podDeletes())).containsExactly("web-2");
    }

    @Test
    void scalingUpDuringARolloutMakesTheNewOrdinalsFromTheUpdateRevisionBeforeReplacingAny() {
        StatefulSetWorld world = new StatefulSetWorld(2);
        world.converge();
        world.image("web:2");
        world.replicas(3);

        StatefulSetPlan plan = world.step();

        assertThat(names(plan.podCreates())).containsExactly("web-2");
        assertThat(plan.podDeletes()).as("scaling comes before updating").isEmpty();
        assertThat(world.imageOf("web-2")).isEqualTo("web:2");
        world.ready("web-2");
        assertThat(names(world.step().podDeletes())).containsExactly("web-1");
    }

    @Test
    void scalingDownDuringARolloutRemovesTheHighestOrdinalsFirst() {
        StatefulSetWorld world = new StatefulSetWorld(3);
        world.converge();
        world.image("web:2");
        world.step();
        world.replicas(1);

        StatefulSetPlan plan = world.step();

        assertThat(names(plan.podCreates())).isEmpty();
        assertThat(names(plan.podDeletes())).containsExactly("web-1");
    }

    @Test
    void whenDeletedDeleteMakesTheSetOwnTheClaims() {
        StatefulSetWorld world = new StatefulSetWorld(1);
        world.spec().with("persistentVolumeClaimRetentionPolicy").put("whenDeleted", "Delete");

        ObjectNode claim = world.step().claimCreates().getFirst();

        assertThat(claim.at("/metadata/ownerReferences").toString())
                .isEqualTo("[{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"name\":\"web\",\"uid\":\"uid-web\"}]");
    }

    @Test
    void whenScaledDeleteHandsTheClaimOfAScaledAwayPodToThatPodBeforeDeletingIt() {
        StatefulSetWorld world = new StatefulSetWorld(2);
        world.spec().with("persistentVolumeClaimRetentionPolicy").put("whenScaled", "Delete");
        world.converge();
        String podUid = world.pods.get("web-1").at("/metadata/uid").asText();
        world.replicas(1);

        StatefulSetPlan plan = world.step();

        assertThat(names(plan.podDeletes())).containsExactly("web-1");
        assertThat(names(plan.claimUpdates())).containsExactly("data-web-1");
        assertThat(plan.claimUpdates().getFirst().at("/metadata/ownerReferences/0/uid").asText()).isEqualTo(podUid);
        assertThat(world.claims.get("data-web-0").at("/metadata/ownerReferences").isMissingNode()).isTrue();
    }

    @Test
    void retainLeavesTheClaimsOfScaledAwayPodsAlone() {
        StatefulSetWorld world = new StatefulSetWorld(2);
        world.converge();
        world.replicas(1);

        assertThat(world.step().claimUpdates()).isEmpty();
    }

    @Test
    void minReadySecondsHoldsTheNextPodUntilTheReadyOneIsAvailable() {
        StatefulSetWorld world = new StatefulSetWorld(2);
        world.spec().put("minReadySeconds", 10);
        world.step();
        world.ready("web-0");

        StatefulSetPlan early = world.step();
        assertThat(early.podCreates()).isEmpty();
        assertThat(early.recheckAfter()).contains(Duration.ofSeconds(11));
        assertThat(early.status().availableReplicas()).isZero();

        world.now = world.now.plusSeconds(11);
        assertThat(names(world.step().podCreates())).containsExactly("web-1");
    }

    @Test
    void revisionsBeyondTheHistoryLimitThatNoPodUsesAreDeletedAndGoingBackReusesARevision() {
        StatefulSetWorld world = new StatefulSetWorld(1);
        world.spec().put("revisionHistoryLimit", 1);
        world.converge();
        String first = world.revisionOf("web-0");
        world.image("web:2");
        world.converge();
        world.image("web:3");
        world.converge();
        world.step();
        assertThat(world.revisions).hasSize(2).doesNotContainKey(first);

        world.image("web:2");
        StatefulSetPlan back = world.step();
        assertThat(back.revisionCreates()).isEmpty();
        assertThat(back.revisionUpdates()).hasSize(1);
        assertThat(back.revisionUpdates().getFirst().path("revision").asLong()).isEqualTo(4);
    }

    @Test
    void aRevisionNameTakenByAnotherTemplateRaisesTheCollisionCount() {
        StatefulSetWorld world = new StatefulSetWorld(1);
        String name = world.plan().status().updateRevision();
        ObjectNode squatter = (ObjectNode) dev.orc.api.json.Json.parse(
                "{\"apiVersion\":\"apps/v1\",\"kind\":\"ControllerRevision\",\"metadata\":{\"name\":\"" + name
                        + "\",\"namespace\":\"default\",\"uid\":\"x\"},\"data\":{},\"revision\":1}");
        world.revisions.put(name, squatter);

        StatefulSetStatus status = world.step().status();

        assertThat(status.collisionCount()).isEqualTo(1);
        assertThat(status.updateRevision()).isNotEqualTo(name);
    }

    @Test
    void aConvergedSetPlansNothing() {
        StatefulSetWorld world = new StatefulSetWorld(3);
        world.converge();
        world.step();

        StatefulSetPlan plan = world.plan();

        assertThat(plan.podCreates()).isEmpty();
        assertThat(plan.podDeletes()).isEmpty();
        assertThat(plan.claimCreates()).isEmpty();
        assertThat(plan.claimUpdates()).isEmpty();
        assertThat(plan.revisionCreates()).isEmpty();
        assertThat(plan.revisionUpdates()).isEmpty();
        assertThat(plan.revisionDeletes()).isEmpty();
        assertThat(dev.orc.api.json.Json.same(dev.orc.api.json.Json.tree(plan.status()), world.set.path("status")))
                .isTrue();
    }
}
