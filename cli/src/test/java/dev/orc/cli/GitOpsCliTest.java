package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The CLI around a GitSource, end to end on an in-process server: {@code orc sync --wait}, the guard against hand
 * changes, self-heal of a forced one, {@code orc rollout undo} pinning a managed Deployment, and {@code orc sync diff}.
 */
class GitOpsCliTest {
    private static final String REFUSAL = "error: deployment.apps/web is managed by GitSource default/apps (selfHeal on); "
            + "change it in Git, or pass --force\n";

    @TempDir
    Path dir;

    private String commit(Git git, String image, int replicas) throws Exception {
        Files.writeString(dir.resolve("repo/web.yaml"), Workloads.deploymentYaml("web", replicas, image));
        git.add().addFilepattern("web.yaml").call();
        return git.commit().setMessage("web: " + image).setAuthor("Ada", "ada@example.com")
                .setCommitter("Ada", "ada@example.com").call().getName();
    }

    private static JsonNode web(ApiClient api) {
        return api.get(ResourceTypes.DEPLOYMENT, "default", "web");
    }

    private static String image(ApiClient api) {
        return web(api).path("spec").path("template").path("spec").path("containers").get(0).path("image").asText();
    }

    @Test
    void handChangesAreRefusedForcedOnesHealedAndAnUndoIsPinnedUntilTheNextCommit() throws Exception {
        try (Git git = Git.init().setDirectory(dir.resolve("repo").toFile()).setInitialBranch("main").call();
             LiveCluster cluster = new LiveCluster(dir.resolve("cluster"))) {
            ApiClient api = cluster.client();
            commit(git, "registry.local/web:v1", 1);
            api.create(ResourceTypes.GIT_SOURCE, "default", (ObjectNode) Json.parse("""
                    {"apiVersion": "orc.dev/v1", "kind": "GitSource", "metadata": {"name": "apps", "namespace": "default"},
                     "spec": {"url": "%s", "ref": {"branch": "main"}, "interval": "1h"}}
                    """.formatted(dir.resolve("repo").toUri())), WriteOptions.defaults());
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(image(api)).isEqualTo("registry.local/web:v1"));

            String second = commit(git, "registry.local/web:v2", 1);
            CommandRun synced = cluster.orc("sync", "apps", "--wait", "--timeout", "30s");
            assertThat(synced.exitCode()).as(synced.err()).isZero();
            assertThat(synced.out()).startsWith("gitsource.orc.dev/apps sync requested\n"
                    + "gitsource.orc.dev/apps: Synced at commit " + second.substring(0, 12) + " (")
                    .contains("\nKIND         NAME          ACTION", "\nDeployment   default/web   ");
            assertThat(image(api)).isEqualTo("registry.local/web:v2");

            assertThat(cluster.orc("scale", "deployment/web", "--replicas", "3").err()).isEqualTo(REFUSAL);
            assertThat(cluster.orc("set", "image", "deployment/web", "web=registry.local/web:v9").err()).isEqualTo(REFUSAL);
            Files.writeString(dir.resolve("web.yaml"), Workloads.deploymentYaml("web", 4, "registry.local/web:v2"));
            CommandRun apply = cluster.orc("apply", "-f", dir.resolve("web.yaml").toString());
            assertThat(apply.exitCode()).isEqualTo(1);
            assertThat(apply.err()).isEqualTo(REFUSAL);
            CommandRun delete = cluster.orc("delete", "deployment", "web");
            assertThat(delete.exitCode()).isEqualTo(1);
            assertThat(delete.err()).isEqualTo(REFUSAL);
            assertThat(web(api).path("spec").path("replicas").asInt()).isEqualTo(1);

            CommandRun forced = cluster.orc("scale", "deployment/web", "--replicas", "3", "--force");
            assertThat(forced.out()).isEqualTo("deployment.apps/web scaled\n");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(web(api).path("spec").path("replicas").asInt()).isEqualTo(1));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(cluster.orc("rollout", "history", "deployment/web").out()).contains("\n2   "));
            CommandRun undo = cluster.orc("rollout", "undo", "deployment/web");
            assertThat(undo.exitCode()).as(undo.err()).isZero();
            assertThat(undo.out()).isEqualTo("""
                    deployment.apps/web rolled back
                    note: deployment.apps/web is managed by GitSource default/apps; it stays at this revision until a new \
                    commit reaches the source
                    """);
            assertThat(web(api).path("metadata").path("annotations").path("orc.dev/pinned-commit").asText()).isEqualTo(second);

            CommandRun resync = cluster.orc("sync", "apps", "--wait", "--timeout", "30s");
            assertThat(resync.exitCode()).as(resync.err()).isZero();
            assertThat(image(api)).isEqualTo("registry.local/web:v1");
            assertThat(cluster.orc("sync", "status", "apps").out()).contains("Pinned:       Deployment default/web at commit "
                    + second.substring(0, 12));
            CommandRun noDiff = cluster.orc("sync", "diff", "apps");
            assertThat(noDiff.exitCode()).as(noDiff.err()).isZero();
            assertThat(noDiff.out()).isEmpty();

            commit(git, "registry.local/web:v3", 1);
            CommandRun diff = cluster.orc("sync", "diff", "apps");
            assertThat(diff.exitCode()).as(diff.err()).isEqualTo(1);
            assertThat(diff.out()).as(diff.err()).startsWith("--- live/Deployment default/web\n+++ git@")
                    .contains("\n-    orc.dev/pinned-commit: " + second + "\n")
                    .containsPattern("\n- +image: registry.local/web:v1\n")
                    .containsPattern("\n\\+ +image: registry.local/web:v3\n");
            assertThat(image(api)).isEqualTo("registry.local/web:v1");
        }
    }
}
