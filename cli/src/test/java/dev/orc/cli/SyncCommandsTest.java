package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code orc sync} verbs against an API server with no controllers: the status read is the status seeded. */
class SyncCommandsTest {
    @TempDir
    Path dir;

    private TestCluster cluster;
    private ApiClient api;

    @BeforeEach
    void start() {
        cluster = new TestCluster(dir);
        api = cluster.client();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void source(String name, String extraSpec, String status) {
        ObjectNode source = (ObjectNode) Json.parse("""
                {"apiVersion": "orc.dev/v1", "kind": "GitSource", "metadata": {"name": "%s", "namespace": "default"},
                 "spec": {"url": "file:///srv/git/apps.git", "ref": {"branch": "main"}, "path": "prod"%s}}
                """.formatted(name, extraSpec));
        ObjectNode created = api.create(ResourceTypes.GIT_SOURCE, "default", source, WriteOptions.defaults());
        if (status != null) {
            created.set("status", Json.parse(status));
            api.updateStatus(ResourceTypes.GIT_SOURCE, "default", created);
        }
    }

    private static final String SYNCED = """
            {"lastAttemptedCommit": "3f2a1b9c0d4e5f60718293a4b5c6d7e8f9012345",
             "lastAppliedCommit": "3f2a1b9c0d4e5f60718293a4b5c6d7e8f9012345",
             "sync": "Synced", "health": "Progressing", "message": "Deployment default/web is progressing",
             "lastSyncTime": "2024-05-01T12:00:00Z",
             "objects": [
               {"apiVersion": "v1", "kind": "ConfigMap", "namespace": "default", "name": "web-config",
                "action": "unchanged", "result": "Succeeded"},
               {"apiVersion": "apps/v1", "kind": "Deployment", "namespace": "default", "name": "web",
                "action": "configured", "result": "Succeeded"}],
             "history": [
               {"commit": "3f2a1b9c0d4e5f60718293a4b5c6d7e8f9012345", "author": "Ada <ada@example.com>",
                "message": "web: v2", "time": "2024-05-01T12:00:00Z", "result": "Succeeded", "duration": "412ms"},
               {"commit": "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567", "author": "Ada <ada@example.com>",
                "message": "bad indent", "time": "2024-05-01T11:00:00Z", "result": "Failed"}]}
            """;

    @Test
    void statusShowsCommitSyncHealthMessageWaitsAndObjects() {
        source("base", "", null);
        source("apps", ", \"dependsOn\": [{\"name\": \"base\"}]", SYNCED);

        CommandRun run = cluster.orc("sync", "status", "apps");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                GitSource:    default/apps
                Repository:   file:///srv/git/apps.git (branch main, path prod)
                Commit:       3f2a1b9c0d4e
                Sync:         Synced
                Health:       Progressing
                Self-heal:    on
                Last sync:    2024-05-01T12:00:00Z
                Message:      Deployment default/web is progressing
                Waiting for:  GitSource default/base (Unknown, Unknown)

                KIND         NAME                 ACTION       RESULT
                ConfigMap    default/web-config   unchanged    Succeeded
                Deployment   default/web          configured   Succeeded
                """);
    }

    @Test
    void statusShowsThePinOfADeploymentRolledBackByHand() {
        source("apps", "", SYNCED);
        ObjectNode deployment = Workloads.deployment("web", 1, "registry.local/web:v1", "x");
        ObjectNode metadata = (ObjectNode) deployment.get("metadata");
        metadata.putObject("labels").put("app.kubernetes.io/managed-by", "orc-gitops");
        ((ObjectNode) metadata.get("annotations")).put("orc.dev/gitsource", "default/apps")
                .put("orc.dev/pinned-commit", "3f2a1b9c0d4e5f60718293a4b5c6d7e8f9012345");
        api.create(ResourceTypes.DEPLOYMENT, "default", deployment, WriteOptions.defaults());

        CommandRun run = cluster.orc("sync", "status", "apps");

        assertThat(run.out()).contains("\nPinned:       Deployment default/web at commit 3f2a1b9c0d4e "
                + "(orc rollout undo; until a new commit reaches the source)\n");
    }

    @Test
    void historyListsSyncsNewestFirst() {
        source("apps", "", SYNCED);

        CommandRun run = cluster.orc("sync", "history", "apps");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                COMMIT         AUTHOR                  MESSAGE      TIME                   RESULT      DURATION
                3f2a1b9c0d4e   Ada <ada@example.com>   web: v2      2024-05-01T12:00:00Z   Succeeded   412ms
                0a1b2c3d4e5f   Ada <ada@example.com>   bad indent   2024-05-01T11:00:00Z   Failed      -
                """);
    }

    @Test
    void suspendAndResumeSetTheSpecAndSayWhenThereIsNothingToDo() {
        source("apps", "", null);

        assertThat(cluster.orc("sync", "suspend", "apps").out()).isEqualTo("gitsource.orc.dev/apps suspended\n");
        assertThat(api.get(ResourceTypes.GIT_SOURCE, "default", "apps").path("spec").path("suspend").asBoolean()).isTrue();
        assertThat(cluster.orc("sync", "suspend", "apps").out()).isEqualTo("gitsource.orc.dev/apps already suspended\n");
        assertThat(cluster.orc("sync", "resume", "apps").out()).isEqualTo("gitsource.orc.dev/apps resumed\n");
        assertThat(api.get(ResourceTypes.GIT_SOURCE, "default", "apps").path("spec").path("suspend").asBoolean(false)).isFalse();
    }

    @Test
    void syncOfASuspendedSourceIsRefused() {
        source("apps", ", \"suspend\": true", null);

        CommandRun run = cluster.orc("sync", "apps");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: gitsource.orc.dev/apps is suspended; resume it with orc sync resume apps\n");
    }

    @Test
    void syncRequestsASyncThroughTheAnnotation() {
        source("apps", "", SYNCED);

        CommandRun run = cluster.orc("sync", "apps");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("gitsource.orc.dev/apps sync requested\n");
        assertThat(api.get(ResourceTypes.GIT_SOURCE, "default", "apps").path("metadata").path("annotations")
                .path("orc.dev/sync-requested-at").asText()).isNotEmpty();
    }

    @Test
    void syncWaitTimesOutClearlyWhenNoControllerAnswers() {
        source("apps", "", SYNCED);

        CommandRun run = cluster.orc("sync", "apps", "--wait", "--timeout", "1s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("gitsource.orc.dev/apps sync requested\n");
        assertThat(run.err()).isEqualTo("error: timed out after 1s waiting for GitSource default/apps to sync; "
                + "is an orc server with its controllers running?\n");
    }

    @Test
    void anUnknownSourceIsNamed() {
        CommandRun run = cluster.orc("sync", "status", "nope");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: GitSource \"nope\" not found in namespace default\n");
    }
}
