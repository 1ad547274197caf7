package dev.orc.node;

import dev.orc.node.pod.ManualClock;
import dev.orc.node.runtime.fake.FakeRuntime;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RuntimeHealthTest {
    @Test
    void aRuntimeThatAnswersIsHealthyAndOneThatDoesNotIsTheReasonTheNodeIsNotReady() {
        FakeRuntime runtime = new FakeRuntime(new ManualClock(Instant.EPOCH));
        assertThat(NodeAgent.runtimeProblem(runtime)).isEmpty();

        runtime.goDown("Cannot connect to the Docker daemon at unix:///var/run/docker.sock");

        assertThat(NodeAgent.runtimeProblem(runtime)).hasValue(
                "container runtime is down: Cannot connect to the Docker daemon at unix:///var/run/docker.sock");
        runtime.comeBack();
        assertThat(NodeAgent.runtimeProblem(runtime)).isEmpty();
    }
}
