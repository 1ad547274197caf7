package dev.orc.node.pod;

import dev.orc.api.model.Container;
import dev.orc.api.model.ContainerStatus;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Probe;
import dev.orc.node.probe.ActionProber;
import dev.orc.node.probe.ProbeManager;
import dev.orc.node.runtime.fake.FakeProgram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Probes driving a pod through its worker, on the fake runtime and a manual clock; probes run inline. */
class PodProbesTest {

    private ProbeManager probes;
    private final PodHarness h = new PodHarness(harness -> {
        probes = new ProbeManager(new ActionProber(harness.runtime), harness.clock, Runnable::run,
                harness.api::recordPodEvent);
        return probes;
    });
    private final List<String> changed = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeHarness() {
        h.close();
    }

    @BeforeEach
    void listen() {
        probes.listen(changed::add);
    }

    private static Probe exec(String command, Integer initialDelay, Integer period, Integer success, Integer failure) {
        return new Probe(new Probe.Exec(List.of(command)), null, null, null, initialDelay, null, period, success, failure,
                null);
    }

    private void answers(String command, int exitCode) {
        h.runtime.program(List.of(command), FakeProgram.exits(exitCode));
    }

    /** Moves the clock on and runs what is due, as the shared timer would. */
    private void after(Duration d) {
        h.clock.advance(d);
        probes.runDue();
    }

    private Pod start(Container container) {
        Pod pod = h.add(Pods.pod("web").container(container).build());
        h.settle(h.freshWorker(pod), pod.metadata().uid());
        return pod;
    }

    private void sync(Pod pod) {
        h.settle(h.freshWorker(pod), pod.metadata().uid());
    }

    private ContainerStatus app(Pod pod) {
        return h.container(pod.metadata().uid(), "app");
    }

    @Test
    void readinessProbeKeepsThePodUnreadyUntilItSucceedsAfterItsInitialDelay() {
        answers("ready", 0);
        Pod pod = start(Pods.shell("app", "serve").withProbes(null, exec("ready", 10, 5, 2, 3), null));
        assertThat(app(pod).ready()).isFalse();
        assertThat(h.status(pod.metadata().uid()).ready()).isFalse();

        after(Duration.ofSeconds(9));
        assertThat(probes.nextRun()).contains(h.clock.instant().plusSeconds(1));
        after(Duration.ofSeconds(1));
        assertThat(changed).as("one success of the two needed").isEmpty();
        after(Duration.ofSeconds(5));

        assertThat(changed).containsExactly(pod.metadata().uid());
        sync(pod);
        assertThat(app(pod).ready()).isTrue();
        assertThat(h.status(pod.metadata().uid()).condition(PodStatus.READY).orElseThrow().status()).isEqualTo("True");
        assertThat(h.status(pod.metadata().uid()).condition(PodStatus.CONTAINERS_READY).orElseThrow().status())
                .isEqualTo("True");
    }

    @Test
    void failingReadinessTakesThePodOutOfReadyWithoutRestartingIt() {
        answers("ready", 0);
        Pod pod = start(Pods.shell("app", "serve").withProbes(null, exec("ready", null, 1, null, 2), null));
        after(Duration.ofSeconds(1));
        sync(pod);
        assertThat(app(pod).ready()).isTrue();

        answers("ready", 1);
        after(Duration.ofSeconds(1));
        after(Duration.ofSeconds(1));
        sync(pod);

        assertThat(app(pod).ready()).isFalse();
        assertThat(app(pod).restartCount()).isZero();
        assertThat(h.status(pod.metadata().uid()).condition(PodStatus.READY).orElseThrow().reason())
                .isEqualTo("ContainersNotReady");
        assertThat(h.api.events()).anyMatch(e -> e.contains("Warning Unhealthy: Readiness probe failed:"));
    }

    @Test
    void livenessFailuresUpToTheThresholdRestartTheContainerWithAnEvent() {
        answers("alive", 0);
        Pod pod = start(Pods.shell("app", "serve").withProbes(exec("alive", null, 10, null, 3), null, null));
        String firstId = app(pod).containerID();
        answers("alive", 1);

        after(Duration.ofSeconds(10));
        after(Duration.ofSeconds(10));
        sync(pod);
        assertThat(app(pod).containerID()).as("two failures of three are tolerated").isEqualTo(firstId);
        after(Duration.ofSeconds(10));
        sync(pod);

        assertThat(app(pod).restartCount()).isEqualTo(1);
        assertThat(app(pod).containerID()).isNotEqualTo(firstId);
        assertThat(app(pod).state().running()).isNotNull();
        assertThat(app(pod).lastState().terminated()).isNotNull();
        assertThat(h.api.events()).contains(
                "default/web Warning Unhealthy: Liveness probe failed: command [alive] exited with 1",
                "default/web Normal Killing: Container app failed liveness probe, will be restarted");
    }

    @Test
    void restartedContainerStartsItsProbeCountsOver() {
        answers("alive", 1);
        Pod pod = start(Pods.shell("app", "serve").withProbes(exec("alive", 5, 1, null, 2), null, null));
        after(Duration.ofSeconds(5));
        after(Duration.ofSeconds(1));
        sync(pod);
        assertThat(app(pod).restartCount()).isEqualTo(1);
        assertThat(probes.nextRun()).as("the new attempt waits its own initial delay")
                .contains(h.clock.instant().plusSeconds(5));

        after(Duration.ofSeconds(5));
        sync(pod);

        assertThat(app(pod).restartCount()).as("one failure of the new attempt is not two").isEqualTo(1);
    }

    @Test
    void startupProbeHoldsLivenessAndReadinessBackUntilItSucceeds() {
        answers("started", 1);
        answers("alive", 1);
        answers("ready", 0);
        Pod pod = start(Pods.shell("app", "serve").withProbes(exec("alive", null, 1, null, 1),
                exec("ready", null, 1, null, null), exec("started", null, 1, null, 30)));

        for (int i = 0; i < 5; i++) {
            after(Duration.ofSeconds(1));
        }
        sync(pod);
        assertThat(app(pod).restartCount()).as("a failing liveness probe does not run before startup").isZero();
        assertThat(app(pod).started()).isFalse();
        assertThat(app(pod).ready()).isFalse();

        answers("started", 0);
        answers("alive", 0);
        after(Duration.ofSeconds(1));
        sync(pod);
        assertThat(app(pod).started()).isTrue();
        assertThat(app(pod).ready()).as("readiness has not run yet").isFalse();
        after(Duration.ofSeconds(1));
        sync(pod);
        assertThat(app(pod).ready()).isTrue();
        assertThat(app(pod).restartCount()).isZero();
    }

    @Test
    void startupProbeFailingItsThresholdRestartsTheContainer() {
        answers("started", 1);
        Pod pod = start(Pods.shell("app", "serve").withProbes(null, null, exec("started", null, 1, null, 2)));

        after(Duration.ofSeconds(1));
        after(Duration.ofSeconds(1));
        sync(pod);

        assertThat(app(pod).restartCount()).isEqualTo(1);
        assertThat(h.api.events()).contains("default/web Normal Killing: Container app failed startup probe, will be restarted");
    }

    @Test
    void containersWithoutProbesAreReadyWhenRunning() {
        Pod pod = start(Pods.shell("app", "serve"));
        assertThat(app(pod).ready()).isTrue();
        assertThat(probes.nextRun()).isEmpty();
    }

    @Test
    void deletedPodsAreNoLongerProbed() {
        answers("ready", 0);
        Pod pod = start(Pods.shell("app", "serve").withProbes(null, exec("ready", null, 1, null, null), null));
        assertThat(probes.nextRun()).isPresent();

        h.api.remove(pod.metadata().uid());
        h.settle(h.freshWorker(pod), pod.metadata().uid());

        assertThat(probes.nextRun()).isEmpty();
    }
}
