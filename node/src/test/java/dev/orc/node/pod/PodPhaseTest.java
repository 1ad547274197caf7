package dev.orc.node.pod;

import dev.orc.api.model.ContainerState;
import dev.orc.api.model.ContainerStatus;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.PodStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The kubelet's phase rules as a table: restartPolicy, app container states, expected phase. */
class PodPhaseTest {

    @ParameterizedTest(name = "{0} with {1} is {2}")
    @CsvSource({
            "Always,    running,              Running",
            "Always,    waiting,              Pending",
            "Always,    running waiting,      Pending",
            "Always,    exit0,                Running",
            "Always,    crashloop,            Running",
            "OnFailure, exit0,                Succeeded",
            "OnFailure, exit0 exit0,          Succeeded",
            "OnFailure, exit1,                Running",
            "OnFailure, crashloop,            Running",
            "Never,     exit0,                Succeeded",
            "Never,     exit1,                Failed",
            "Never,     exit0 exit1,          Failed",
            "Never,     running exit1,        Running",
    })
    void phaseFollowsContainerStatesAndRestartPolicy(String policy, String states, String phase) {
        List<ContainerStatus> apps = Arrays.stream(states.trim().split(" ")).map(PodPhaseTest::status).toList();
        PodSpec spec = PodSpec.of().withRestartPolicy(policy.trim());
        assertThat(PodStatusComputer.phase(spec, List.of(), apps, true)).isEqualTo(phase.trim());
    }

    @ParameterizedTest(name = "init {1} under {0} is {2}")
    @CsvSource({
            "Never,     exit1,   Failed",
            "OnFailure, exit1,   Pending",
            "Always,    running, Pending",
    })
    void podIsPendingUntilInitializedAndFailsOnlyUnderNever(String policy, String init, String phase) {
        PodSpec spec = PodSpec.of().withRestartPolicy(policy.trim());
        assertThat(PodStatusComputer.phase(spec, List.of(status(init.trim())), List.of(status("waiting")), false))
                .isEqualTo(phase.trim());
    }

    private static ContainerStatus status(String kind) {
        ContainerState none = new ContainerState(null, null, null);
        return switch (kind) {
            case "running" -> new ContainerStatus("c", ContainerState.running("t"), none, true, 0, "i", "", "", true);
            case "waiting" -> new ContainerStatus("c", ContainerState.waiting("ContainerCreating", null), none, false, 0, "i", "", "", false);
            case "exit0" -> new ContainerStatus("c", terminated(0), none, false, 0, "i", "", "", false);
            case "exit1" -> new ContainerStatus("c", terminated(1), none, false, 0, "i", "", "", false);
            case "crashloop" -> new ContainerStatus("c", ContainerState.waiting("CrashLoopBackOff", null), terminated(1), false, 3, "i", "", "", false);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static ContainerState terminated(int code) {
        return ContainerState.terminated(new ContainerState.Terminated(code, null, code == 0 ? "Completed" : "Error", null, null, null, null));
    }
}
