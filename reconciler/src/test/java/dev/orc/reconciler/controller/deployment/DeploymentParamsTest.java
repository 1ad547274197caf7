package dev.orc.reconciler.controller.deployment;

import dev.orc.api.model.Deployment;
import dev.orc.api.model.DeploymentSpec;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.UpdateStrategy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentParamsTest {

    @ParameterizedTest(name = "replicas {0}, surge {1}, unavailable {2} -> surge {3}, unavailable {4}")
    @CsvSource({
            "10, 25%, 25%, 3, 2",
            "10, 3,   2,   3, 2",
            "4,  25%, 25%, 1, 1",
            "1,  25%, 25%, 1, 0",
            "3,  0,   0%,  0, 1",
            "3,  0%,  10%, 0, 1",
            "2,  1,   5,   1, 2",
            "0,  25%, 25%, 0, 0",
            "10, 100%, 0,  10, 0"})
    void surgeRoundsUpUnavailableRoundsDownAndBothZeroMeansOneUnavailable(int replicas, String surge, String unavailable,
                                                                         int expectedSurge, int expectedUnavailable) {
        DeploymentSpec spec = new DeploymentSpec(replicas, null, null,
                UpdateStrategy.rollingUpdate(value(unavailable), value(surge)), null, null, null, null);

        DeploymentParams params = DeploymentParams.of(Deployment.of(ObjectMeta.named("web"), spec));

        assertThat(params.maxSurge()).isEqualTo(expectedSurge);
        assertThat(params.maxUnavailable()).isEqualTo(expectedUnavailable);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Recreate, false, 0, 0", "RollingUpdate, true, 1, 0"})
    void strategyDefaultsFollowAppsV1(String type, boolean rolling, int surge, int unavailable) {
        DeploymentSpec spec = new DeploymentSpec(null, null, null, new UpdateStrategy(type, null), null, null, null, null);

        DeploymentParams params = DeploymentParams.of(Deployment.of(ObjectMeta.named("web"), spec));

        assertThat(params.replicas()).isEqualTo(1);
        assertThat(params.rolling()).isEqualTo(rolling);
        assertThat(params.maxSurge()).isEqualTo(surge);
        assertThat(params.maxUnavailable()).isEqualTo(unavailable);
        assertThat(params.revisionHistoryLimit()).isEqualTo(10);
        assertThat(params.progressDeadlineSeconds()).isEqualTo(600);
    }

    private static IntOrString value(String text) {
        return text.endsWith("%") ? IntOrString.of(text) : IntOrString.of(Integer.parseInt(text));
    }
}
