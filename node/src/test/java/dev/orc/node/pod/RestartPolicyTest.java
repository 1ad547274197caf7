package dev.orc.node.pod;

import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.node.runtime.fake.FakeProgram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What happens after a container exits, per restartPolicy and exit code, against the fake runtime. */
class RestartPolicyTest {

    @ParameterizedTest(name = "{0}, exit {1}: restarts {2}, phase {3}")
    @CsvSource({
            "Always,    0, 1, Running",
            "Always,    2, 1, Running",
            "OnFailure, 0, 0, Succeeded",
            "OnFailure, 2, 1, Running",
            "Never,     0, 0, Succeeded",
            "Never,     2, 0, Failed",
    })
    void exitedContainerIsRestartedPerPolicy(String policy, int exitCode, int restarts, String phase) {
        try (PodHarness h = new PodHarness().script("job", FakeProgram.exits(exitCode))) {
            assertRestartedPerPolicy(h, policy, exitCode, restarts, phase);
        }
    }

    private static void assertRestartedPerPolicy(PodHarness h, String policy, int exitCode, int restarts, String phase) {
        Pod pod = h.add(Pods.pod("job").restartPolicy(policy).container("main", "job").build());
        String uid = pod.metadata().uid();

        h.settle(h.freshWorker(pod), uid);

        assertThat(h.container(uid, "main").restartCount()).isEqualTo(restarts);
        assertThat(h.status(uid).phase()).isEqualTo(phase);
        Integer reported = restarts > 0 ? h.container(uid, "main").lastState().terminated().exitCode()
                : h.container(uid, "main").state().terminated().exitCode();
        assertThat(reported).isEqualTo(exitCode);
        if (!phase.equals(PodStatus.RUNNING)) {
            assertThat(h.status(uid).condition(PodStatus.READY).orElseThrow().status()).isEqualTo("False");
        }
    }
}
