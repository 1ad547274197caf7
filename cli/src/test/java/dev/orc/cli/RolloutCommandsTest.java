package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code orc rollout}, {@code scale} and {@code set image} against a real server whose controllers roll Deployments out. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolloutCommandsTest {
    private LiveCluster cluster;
    private ApiClient api;

    @BeforeAll
    void start(@TempDir Path dir) throws InterruptedException {
        cluster = new LiveCluster(dir);
        api = cluster.client();
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    /** A Deployment with two revisions: image v1 ("first release"), then image v2 ("second release"). */
    private void twoRevisions(String name) {
        api.create(ResourceTypes.DEPLOYMENT, "default", Workloads.deployment(name, 1, "registry.local/" + name + ":v1",
                "first release"), WriteOptions.defaults());
        awaitHistory(name, "1          first release");
        ObjectNode patch = (ObjectNode) Json.parse("""
                {"metadata": {"annotations": {"kubernetes.io/change-cause": "second release"}},
                 "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "registry.local/%s:v2"}]}}}}
                """.formatted(name));
        api.patch(ResourceTypes.DEPLOYMENT, "default", name, PatchType.MERGE, patch, WriteOptions.defaults());
        awaitHistory(name, "2          second release");
    }

    private void awaitHistory(String name, String line) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(cluster.orc("rollout", "history", "deployment/" + name).out()).contains(line));
    }

    private String image(String name) {
        return api.get(ResourceTypes.DEPLOYMENT, "default", name)
                .path("spec").path("template").path("spec").path("containers").get(0).path("image").asText();
    }

    @Test
    void historyListsEachRevisionWithItsChangeCause() {
        twoRevisions("hist");

        CommandRun run = cluster.orc("rollout", "history", "deployment/hist");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                deployment.apps/hist
                REVISION   CHANGE-CAUSE
                1          first release
                2          second release
                """);
    }

    @Test
    void historyOfOneRevisionShowsItsPodTemplate() {
        twoRevisions("tmpl");

        CommandRun run = cluster.orc("rollout", "history", "deploy/tmpl", "--revision", "1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("deployment.apps/tmpl with revision #1\nPod Template:\n")
                .contains("    image: registry.local/tmpl:v1").doesNotContain("pod-template-hash");
        assertThat(cluster.orc("rollout", "history", "deploy/tmpl", "--revision", "9").err())
                .isEqualTo("error: deployment.apps/tmpl has no revision 9; its revisions: 1, 2\n");
    }

    @Test
    void undoToARevisionRestoresItsTemplateWhichBecomesTheNewestRevision() {
        twoRevisions("undo");

        CommandRun run = cluster.orc("rollout", "undo", "deployment/undo", "--to-revision", "1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("deployment.apps/undo rolled back\n");
        assertThat(image("undo")).isEqualTo("registry.local/undo:v1");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(cluster.orc("rollout", "history", "deployment/undo").out()).isEqualTo("""
                        deployment.apps/undo
                        REVISION   CHANGE-CAUSE
                        2          second release
                        3          first release
                        """));
    }

    @Test
    void undoToAMissingRevisionSaysSoAndChangesNothing() {
        twoRevisions("missing");

        CommandRun run = cluster.orc("rollout", "undo", "deployment/missing", "--to-revision", "7");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: unable to find specified revision 7 in history of deployment \"missing\"\n");
        assertThat(image("missing")).isEqualTo("registry.local/missing:v2");
    }

    @Test
    void scaleSetsReplicasThroughTheScaleSubresource() {
        api.create(ResourceTypes.DEPLOYMENT, "default", Workloads.deployment("scaled", 1, "registry.local/scaled:v1", "x"),
                WriteOptions.defaults());

        CommandRun run = cluster.orc("scale", "deployment/scaled", "--replicas", "3");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("deployment.apps/scaled scaled\n");
        assertThat(api.get(ResourceTypes.DEPLOYMENT, "default", "scaled").path("spec").path("replicas").asInt()).isEqualTo(3);
    }

    @Test
    void setImageChangesTheNamedContainerAndNamesAContainerThatIsNotThere() {
        api.create(ResourceTypes.DEPLOYMENT, "default", Workloads.deployment("imaged", 1, "registry.local/imaged:v1", "x"),
                WriteOptions.defaults());

        CommandRun run = cluster.orc("set", "image", "deployment/imaged", "web=registry.local/imaged:v2");
        CommandRun wrong = cluster.orc("set", "image", "deployment/imaged", "sidecar=registry.local/other:v1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("deployment.apps/imaged image updated\n");
        assertThat(image("imaged")).isEqualTo("registry.local/imaged:v2");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).isEqualTo("error: deployment.apps/imaged has no container named \"sidecar\"\n");
    }

    @Test
    void aKindTheVerbDoesNotSupportIsAUsageError() {
        CommandRun run = cluster.orc("scale", "daemonset/agents", "--replicas", "3");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("\"daemonset/agents\": scale supports deployment, replicaset, statefulset, not daemonsets");
    }

    @Test
    void statusReportsARolloutThatIsDone() {
        api.create(ResourceTypes.DEPLOYMENT, "default", Workloads.deployment("idle", 0, "registry.local/idle:v1", "x"),
                WriteOptions.defaults());

        CommandRun run = cluster.orc("rollout", "status", "deployment/idle", "--timeout", "20s");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).endsWith("deployment \"idle\" successfully rolled out\n");
    }

    @Test
    void statusOfARolloutThatCannotFinishTimesOutWithProgressLines() {
        api.create(ResourceTypes.DEPLOYMENT, "default", Workloads.deployment("stuck", 2, "registry.local/stuck:v1", "x"),
                WriteOptions.defaults());

        CommandRun run = cluster.orc("rollout", "status", "deployment/stuck", "--timeout", "2s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Waiting for deployment \"stuck\" rollout to finish: ");
        assertThat(run.err()).isEqualTo("error: timed out after 2s waiting for the rollout of deployment.apps/stuck to finish\n");
    }

    @Test
    void restartStampsThePodTemplateAndPauseResumeToggleTheDeployment() {
        api.create(ResourceTypes.DEPLOYMENT, "default", Workloads.deployment("cycled", 1, "registry.local/cycled:v1", "x"),
                WriteOptions.defaults());

        assertThat(cluster.orc("rollout", "restart", "deployment/cycled").out()).isEqualTo("deployment.apps/cycled restarted\n");
        assertThat(api.get(ResourceTypes.DEPLOYMENT, "default", "cycled").path("spec").path("template").path("metadata")
                .path("annotations").path("kubectl.kubernetes.io/restartedAt").asText()).isNotEmpty();
        assertThat(cluster.orc("rollout", "pause", "deployment/cycled").out()).isEqualTo("deployment.apps/cycled paused\n");
        assertThat(cluster.orc("rollout", "pause", "deployment/cycled").err())
                .isEqualTo("error: deployment.apps/cycled is already paused\n");
        assertThat(cluster.orc("rollout", "restart", "deployment/cycled").exitCode()).isEqualTo(1);
        assertThat(cluster.orc("rollout", "resume", "deployment/cycled").out()).isEqualTo("deployment.apps/cycled resumed\n");
        assertThat(api.get(ResourceTypes.DEPLOYMENT, "default", "cycled").path("spec").path("paused").asBoolean(false)).isFalse();
    }
}
