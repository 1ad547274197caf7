package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RolloutProgressTest {
    private static JsonNode deployment(long generation, String status) {
        return Json.parse("""
                {"metadata": {"name": "web", "generation": %d}, "spec": {"replicas": 3}, "status": %s}
                """.formatted(generation, status));
    }

    @Test
    void linesFollowKubectlThroughARollingUpdate() {
        assertThat(RolloutProgress.of(ResourceTypes.DEPLOYMENT, deployment(2, "{\"observedGeneration\": 1}")).message())
                .isEqualTo("Waiting for deployment spec update to be observed...");
        assertThat(RolloutProgress.of(ResourceTypes.DEPLOYMENT, deployment(2,
                "{\"observedGeneration\": 2, \"replicas\": 4, \"updatedReplicas\": 1}")).message())
                .isEqualTo("Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...");
        assertThat(RolloutProgress.of(ResourceTypes.DEPLOYMENT, deployment(2,
                "{\"observedGeneration\": 2, \"replicas\": 4, \"updatedReplicas\": 3}")).message())
                .isEqualTo("Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...");
        assertThat(RolloutProgress.of(ResourceTypes.DEPLOYMENT, deployment(2,
                "{\"observedGeneration\": 2, \"replicas\": 3, \"updatedReplicas\": 3, \"availableReplicas\": 2}")).message())
                .isEqualTo("Waiting for deployment \"web\" rollout to finish: 2 of 3 updated replicas are available...");
        RolloutProgress done = RolloutProgress.of(ResourceTypes.DEPLOYMENT, deployment(2,
                "{\"observedGeneration\": 2, \"replicas\": 3, \"updatedReplicas\": 3, \"availableReplicas\": 3}"));
        assertThat(done.done()).isTrue();
        assertThat(done.message()).isEqualTo("deployment \"web\" successfully rolled out");
    }

    @Test
    void aPassedProgressDeadlineEndsTheRolloutWithAnError() {
        RolloutProgress progress = RolloutProgress.of(ResourceTypes.DEPLOYMENT, deployment(2, """
                {"observedGeneration": 2, "replicas": 3, "updatedReplicas": 1,
                 "conditions": [{"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded"}]}
                """));

        assertThat(progress.failed()).isTrue();
        assertThat(progress.error()).isEqualTo("deployment \"web\" exceeded its progress deadline");
    }

    @Test
    void aDaemonSetIsDoneWhenEveryScheduledPodIsUpdatedAndAvailable() {
        JsonNode daemonSet = Json.parse("""
                {"metadata": {"name": "agent", "generation": 1}, "spec": {},
                 "status": {"observedGeneration": 1, "desiredNumberScheduled": 2, "updatedNumberScheduled": 2,
                            "numberAvailable": 1}}
                """);

        assertThat(RolloutProgress.of(ResourceTypes.DAEMON_SET, daemonSet).message())
                .isEqualTo("Waiting for daemon set \"agent\" rollout to finish: 1 of 2 updated pods are available...");
    }
}
