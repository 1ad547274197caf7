package dev.orc.node.pod;

import dev.orc.api.model.Container;
import dev.orc.api.model.Pod;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The planner's steps for pods with and without an infra container, from observed containers alone. */
class PodPlannerTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2024-05-01T12:00:00Z"));
    private final PodPlanner planner = new PodPlanner(KeyedBackoff.crashLoop(clock),
            new KeyedBackoff(clock, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(10)),
            ContainerHealth.RUNNING_IS_HEALTHY);

    private final Container app = Pods.shell("app", "serve");
    private final Container side = Pods.shell("side", "serve");
    private final Pod single = Pods.pod("web").container(app).build();
    private final Pod pair = Pods.pod("web").container(app).container(side).build();

    @Test
    void newPodOfOneContainerIsOneStartOfThatContainerHoldingThePodsNetwork() {
        assertThat(planner.plan(single, ObservedPod.EMPTY).actions())
                .containsExactly(new PodAction.StartAlone(app, 0));
    }

    @Test
    void newPodOfTwoContainersStartsItsInfraContainerAndBothJoiningIt() {
        assertThat(planner.plan(pair, ObservedPod.EMPTY).actions()).containsExactly(new PodAction.StartInfra(0),
                new PodAction.StartContainer(app, ContainerRole.APP, 0),
                new PodAction.StartContainer(side, ContainerRole.APP, 0));
    }

    @Test
    void runningContainerHoldingItsOwnNetworkIsLeftAlone() {
        assertThat(planner.plan(single, Observed.pod(Observed.app("app", 0).ownNetwork("172.17.0.2"))).idle())
                .isTrue();
    }

    @Test
    void exitedContainerHoldingItsOwnNetworkIsReplacedByItsNextAttemptThenBacksOff() {
        ObservedPod crashed = Observed.pod(Observed.app("app", 0).ownNetwork("172.17.0.2").exited(1));

        assertThat(planner.plan(single, crashed).actions()).containsExactly(new PodAction.StartAlone(app, 1));

        PodPlanner backingOff = new PodPlanner(backoffAfterOneRestart(), new KeyedBackoff(clock, Duration.ofSeconds(10),
                Duration.ofMinutes(5), Duration.ofMinutes(10)), ContainerHealth.RUNNING_IS_HEALTHY);
        Plan plan = backingOff.plan(single, Observed.pod(Observed.app("app", 1).ownNetwork("172.17.0.3").exited(1),
                Observed.app("app", 0).ownNetwork("172.17.0.2").exited(1)));
        assertThat(plan.idle()).isTrue();
        assertThat(plan.waiting().get("app").reason()).isEqualTo("CrashLoopBackOff");
        assertThat(plan.wakeAt()).contains(clock.instant().plusSeconds(10));
    }

    private KeyedBackoff backoffAfterOneRestart() {
        KeyedBackoff crash = KeyedBackoff.crashLoop(clock);
        crash.recordAttempt(PodPlanner.key(single.metadata().uid(), "app"));
        return crash;
    }

    @Test
    void podAdoptedWithAnInfraContainerRestartsItsContainerInsideIt() {
        ObservedPod adopted = Observed.pod(Observed.infra(0, "172.17.0.2"), Observed.app("app", 0).exited(1));

        assertThat(planner.plan(single, adopted).actions())
                .containsExactly(new PodAction.StartContainer(app, ContainerRole.APP, 1));
        assertThat(planner.plan(single, Observed.pod(Observed.infra(0, "172.17.0.2"), Observed.app("app", 0))).idle())
                .as("steady state of an adopted infra pod").isTrue();
    }

    @Test
    void podAdoptedWithAStoppedInfraContainerGetsANewInfraContainer() {
        ObservedPod adopted = Observed.pod(Observed.infra(0, "").exited(0), Observed.app("app", 0).exited(137));

        assertThat(planner.plan(single, adopted).actions()).extracting(a -> a.getClass().getSimpleName())
                .containsExactly("Remove", "StartInfra");
    }

    @Test
    void deletedPodWithoutInfraIsStoppedRemovedAndDeleted() {
        Pod deleting = single.withMetadata(single.metadata().withDeletion("2024-05-01T12:00:00Z", 3L));

        assertThat(planner.plan(deleting, Observed.pod(Observed.app("app", 0).ownNetwork("172.17.0.2"))).actions())
                .containsExactly(new PodAction.StopAll(Duration.ofSeconds(3)), new PodAction.RemoveAll(),
                        new PodAction.DeletePod());
    }
}
