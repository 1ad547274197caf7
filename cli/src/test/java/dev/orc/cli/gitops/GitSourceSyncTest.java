package dev.orc.cli.gitops;

import dev.orc.api.gitops.Ownership;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.GitSourceStatus;
import dev.orc.api.model.Timestamps;
import dev.orc.api.status.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GitSources end to end in one process: orc's server (API server, controllers, GitOps sync over the API)
 * syncing real Git repositories this test writes and commits to. No pods need to run here, so no node.
 */
class GitSourceSyncTest {
    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private GitOpsServer server;
    private GitRepo repo;

    @BeforeEach
    void start() throws InterruptedException {
        server = GitOpsServer.start(dir.resolve("server"));
        repo = GitRepo.init(dir.resolve("repo"));
    }

    @AfterEach
    void stop() {
        repo.close();
        server.close();
    }

    @Test
    void aCommitDeletingAFilePrunesExactlyItsObjects() {
        repo.write("keep.yaml", Manifests.configMap("keep", "1"))
                .write("gone.yaml", Manifests.configMap("gone-a", "1") + "---\n" + Manifests.configMap("gone-b", "1"))
                .commit("three config maps");
        server.createSource("apps", polledEverySecond());
        String first = awaitAnyApplied("apps");
        assertThat(server.find(ResourceTypes.CONFIG_MAP, "gone-a")).isPresent();
        createUnmanaged("bystander");

        String second = repo.delete("gone.yaml").commit("drop gone.yaml");
        awaitApplied("apps", second);

        assertThat(second).isNotEqualTo(first);
        assertThat(server.find(ResourceTypes.CONFIG_MAP, "gone-a")).isEmpty();
        assertThat(server.find(ResourceTypes.CONFIG_MAP, "gone-b")).isEmpty();
        assertThat(server.find(ResourceTypes.CONFIG_MAP, "keep")).isPresent();
        assertThat(server.find(ResourceTypes.CONFIG_MAP, "bystander")).isPresent();
        assertThat(server.status("apps").inventory()).extracting(GitSourceStatus.InventoryEntry::name).containsExactly("keep");
    }

    @Test
    void oneBadDocumentAmongTwentyChangesNothingAndReportsFileAndLine() {
        for (int i = 0; i < 20; i++) {
            repo.write(file(i), Manifests.configMap(cm(i), "v1"));
        }
        String good = repo.commit("twenty config maps");
        server.createSource("apps", polledEverySecond());
        awaitApplied("apps", good);

        for (int i = 0; i < 20; i++) {
            repo.write(file(i), Manifests.configMap(cm(i), "v2"));
        }
        repo.write(file(13), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: cm-13
                data:
                  value: [1, 2]
                """);
        repo.write("extra.yaml", Manifests.configMap("extra", "v2")).delete(file(0));
        String bad = repo.commit("one bad document");

        await().atMost(WITHIN_SECONDS).untilAsserted(() -> {
            GitSourceStatus status = server.status("apps");
            assertThat(status.lastAttemptedCommit()).isEqualTo(bad);
            assertThat(status.sync()).isEqualTo(GitSourceStatus.FAILED);
        });
        GitSourceStatus failed = server.status("apps");
        assertThat(failed.lastAppliedCommit()).isEqualTo(good);
        assertThat(failed.message()).contains(bad.substring(0, 12), "cm-13.yaml:6", "ConfigMap");
        assertThat(server.eventsOf("apps")).anySatisfy(event -> {
            assertThat(event.path("type").asText()).isEqualTo("Warning");
            assertThat(event.path("reason").asText()).isEqualTo("SyncFailed");
            assertThat(event.path("message").asText()).contains("cm-13.yaml:6");
        });
        for (int i = 0; i < 20; i++) {
            assertThat(server.find(ResourceTypes.CONFIG_MAP, cm(i)).orElseThrow().path("data").path("value").asText())
                    .as(cm(i)).isEqualTo("v1");
        }
        assertThat(server.find(ResourceTypes.CONFIG_MAP, "extra")).isEmpty();

        String fixed = repo.write(file(13), Manifests.configMap(cm(13), "v2")).commit("fix cm-13");
        awaitApplied("apps", fixed);
        assertThat(server.find(ResourceTypes.CONFIG_MAP, cm(13)).orElseThrow().path("data").path("value").asText()).isEqualTo("v2");
        assertThat(server.find(ResourceTypes.CONFIG_MAP, "extra")).isPresent();
        assertThat(server.find(ResourceTypes.CONFIG_MAP, cm(0))).isEmpty();
    }

    @Test
    void aManualScaleIsRevertedBySelfHealWithinSeconds() {
        String commit = repo.write("web.yaml", Manifests.deployment("web", "orc/web:1", 2)).commit("web");
        server.createSource("apps", GitOpsServer.spec(repo.url()).put("interval", "1h"));
        awaitApplied("apps", commit);

        server.client().scale(ResourceTypes.DEPLOYMENT, GitOpsServer.NAMESPACE, "web", 5);

        await().atMost(WITHIN_SECONDS).untilAsserted(() -> assertThat(
                server.find(ResourceTypes.DEPLOYMENT, "web").orElseThrow().path("spec").path("replicas").asInt()).isEqualTo(2));
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> assertThat(server.eventsOf("apps"))
                .anySatisfy(event -> assertThat(event.path("reason").asText()).isEqualTo("SelfHealed")));
        assertThat(server.status("apps").history()).hasSize(1);
    }

    @Test
    void aSignedWebhookSyncsWithinSecondsAndABadSignatureIsRefusedAndSyncsNothing() throws Exception {
        String first = repo.write("app.yaml", Manifests.configMap("app", "1")).commit("first");
        server.createSecret("hook", "secret", "s3cret-of-at-least-16-bytes");
        ObjectNode spec = GitOpsServer.spec(repo.url()).put("interval", "1h");
        spec.putObject("webhook").putObject("secretRef").put("name", "hook");
        server.createSource("apps", spec);
        awaitApplied("apps", first);
        String second = repo.write("app.yaml", Manifests.configMap("app", "2")).commit("second");
        byte[] push = pushEvent(second, "app.yaml");

        HttpResponse<String> forged = deliver(push, "sha256=" + hmac("wrong secret", push));

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(server.source("apps").path("metadata").path("annotations").has(Ownership.SYNC_REQUEST_ANNOTATION)).isFalse();
        assertThat(server.status("apps").lastAttemptedCommit()).isEqualTo(first);

        HttpResponse<String> signed = deliver(push, "sha256=" + hmac("s3cret-of-at-least-16-bytes", push));

        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
        awaitApplied("apps", second);
        assertThat(server.find(ResourceTypes.CONFIG_MAP, "app").orElseThrow().path("data").path("value").asText()).isEqualTo("2");
    }

    @Test
    void aSuspendedSourceDoesNotSyncUntilResumed() {
        repo.write("paused/app.yaml", Manifests.configMap("paused-app", "1"))
                .write("control/app.yaml", Manifests.configMap("control-app", "1"));
        String first = repo.commit("first");
        server.createSource("paused", polledEverySecond().put("path", "paused"));
        server.createSource("control", polledEverySecond().put("path", "control"));
        awaitApplied("paused", first);
        server.client().patch(ResourceTypes.GIT_SOURCE, GitOpsServer.NAMESPACE, "paused", PatchType.MERGE,
                Json.object().set("spec", Json.object().put("suspend", true)), WriteOptions.defaults());
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> assertThat(server.status("paused").health())
                .isEqualTo(GitSourceStatus.SUSPENDED));

        repo.write("paused/app.yaml", Manifests.configMap("paused-app", "2"))
                .write("control/app.yaml", Manifests.configMap("control-app", "2"));
        String second = repo.commit("second");
        requestSync("paused");
        awaitApplied("control", second);
        Instant applied = Instant.now();
        requestSync("control");
        awaitSyncedAfter("control", applied);

        assertThat(server.status("paused").lastAttemptedCommit()).isEqualTo(first);
        assertThat(server.find(ResourceTypes.CONFIG_MAP, "paused-app").orElseThrow().path("data").path("value").asText()).isEqualTo("1");

        server.client().patch(ResourceTypes.GIT_SOURCE, GitOpsServer.NAMESPACE, "paused", PatchType.MERGE,
                Json.object().set("spec", Json.object().put("suspend", false)), WriteOptions.defaults());
        awaitApplied("paused", second);
        assertThat(server.find(ResourceTypes.CONFIG_MAP, "paused-app").orElseThrow().path("data").path("value").asText()).isEqualTo("2");
    }

    @Test
    void aRolloutUndoSurvivesPollsOfAnUnchangedRepositoryAndGivesWayToTheNextCommit() {
        repo.write("web.yaml", Manifests.deployment("web", "orc/web:1", 1)).commit("web 1");
        server.createSource("apps", polledEverySecond());
        awaitAnyApplied("apps");
        String second = repo.write("web.yaml", Manifests.deployment("web", "orc/web:2", 1)).commit("web 2");
        awaitApplied("apps", second);
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> assertThat(server.list(ResourceTypes.REPLICA_SET)).hasSize(2));

        ObjectNode older = server.list(ResourceTypes.REPLICA_SET).stream()
                .filter(rs -> image(rs.path("spec")).equals("orc/web:1")).findFirst().orElseThrow();
        ObjectNode template = older.path("spec").path("template").deepCopy();
        ((ObjectNode) template.path("metadata").path("labels")).remove("pod-template-hash");
        await("the undo written, read again after each conflict with the controllers' writes").atMost(WITHIN_SECONDS)
                .ignoreException(ApiException.Conflict.class).untilAsserted(() -> {
                    ObjectNode deployment = server.find(ResourceTypes.DEPLOYMENT, "web").orElseThrow();
                    ((ObjectNode) deployment.path("spec")).set("template", template);
                    ((ObjectNode) deployment.path("metadata").path("annotations")).put(Ownership.PIN_ANNOTATION, second);
                    server.client().update(ResourceTypes.DEPLOYMENT, GitOpsServer.NAMESPACE, deployment,
                            WriteOptions.defaults());
                });
        Instant undone = Instant.now();

        requestSync("apps");
        awaitSyncedAfter("apps", undone);
        ObjectNode pinned = server.find(ResourceTypes.DEPLOYMENT, "web").orElseThrow();
        assertThat(image(pinned.path("spec"))).isEqualTo("orc/web:1");
        assertThat(server.status("apps").lastAppliedCommit()).isEqualTo(second);

        String third = repo.write("web.yaml", Manifests.deployment("web", "orc/web:3", 1)).commit("web 3");
        awaitApplied("apps", third);
        ObjectNode replaced = server.find(ResourceTypes.DEPLOYMENT, "web").orElseThrow();
        assertThat(image(replaced.path("spec"))).isEqualTo("orc/web:3");
        assertThat(replaced.path("metadata").path("annotations").has(Ownership.PIN_ANNOTATION)).isFalse();
    }

    @Test
    void dependsOnHoldsASourceUntilItsDependencyIsSyncedAndHealthy() {
        GitRepo infra = GitRepo.init(dir.resolve("infra"));
        try (infra) {
            repo.write("app.yaml", Manifests.configMap("app-config", "1")).commit("app");
            ObjectNode appSpec = polledEverySecond();
            appSpec.putArray("dependsOn").addObject().put("name", "infra");
            server.createSource("app", appSpec);
            await().atMost(WITHIN_SECONDS).untilAsserted(() -> assertThat(server.status("app").message())
                    .contains("waiting for GitSource default/infra (not found)"));

            infra.write("db.yaml", Manifests.deployment("db", "orc/web:1", 1)).commit("db needs a node to be healthy");
            server.createSource("infra", GitOpsServer.spec(infra.url()).put("interval", "1s"));
            await().atMost(WITHIN_SECONDS).untilAsserted(() -> assertThat(server.status("app").message())
                    .contains("waiting for GitSource default/infra (Synced, Progressing)"));
            assertThat(server.find(ResourceTypes.CONFIG_MAP, "app-config")).isEmpty();

            infra.write("db.yaml", Manifests.deployment("db", "orc/web:1", 0)).commit("db scaled to zero");
            await().atMost(WITHIN_SECONDS).untilAsserted(() -> {
                assertThat(server.status("app").sync()).isEqualTo(GitSourceStatus.SYNCED);
                assertThat(server.find(ResourceTypes.CONFIG_MAP, "app-config")).isPresent();
            });
            assertThat(server.status("infra").health()).isEqualTo(GitSourceStatus.HEALTHY);
        }
    }

    @Test
    void twoSourcesClaimingOneObjectIsAnErrorOnTheSecond() {
        GitRepo other = GitRepo.init(dir.resolve("other"));
        try (other) {
            String firstCommit = repo.write("shared.yaml", Manifests.configMap("shared", "from-one"))
                    .write("one.yaml", Manifests.configMap("one-only", "1")).commit("one");
            server.createSource("one", polledEverySecond());
            awaitApplied("one", firstCommit);

            other.write("shared.yaml", Manifests.configMap("shared", "from-two"))
                    .write("two.yaml", Manifests.configMap("two-only", "1")).commit("two");
            server.createSource("two", GitOpsServer.spec(other.url()).put("interval", "1s"));

            await().atMost(WITHIN_SECONDS).untilAsserted(() -> {
                GitSourceStatus two = server.status("two");
                assertThat(two.sync()).isEqualTo(GitSourceStatus.FAILED);
                assertThat(two.message()).contains("ConfigMap default/shared", "managed by GitSource default/one");
            });
            Instant refused = Instant.now();
            requestSync("one");
            awaitSyncedAfter("one", refused);
            ObjectNode shared = server.find(ResourceTypes.CONFIG_MAP, "shared").orElseThrow();
            assertThat(shared.path("data").path("value").asText()).isEqualTo("from-one");
            assertThat(Ownership.owner(shared)).contains("default/one");
            assertThat(server.find(ResourceTypes.CONFIG_MAP, "two-only")).isEmpty();
            assertThat(server.status("one").sync()).isEqualTo(GitSourceStatus.SYNCED);
            assertThat(server.eventsOf("two")).anySatisfy(event -> assertThat(event.path("message").asText())
                    .contains("managed by GitSource default/one"));
        }
    }

    private ObjectNode polledEverySecond() {
        return GitOpsServer.spec(repo.url()).put("interval", "1s");
    }

    private void awaitApplied(String source, String commit) {
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> {
            GitSourceStatus status = server.status(source);
            assertThat(status.lastAppliedCommit()).as(status.message()).isEqualTo(commit);
            assertThat(status.sync()).isEqualTo(GitSourceStatus.SYNCED);
        });
    }

    private String awaitAnyApplied(String source) {
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> assertThat(server.status(source).lastAppliedCommit())
                .as(server.status(source).message()).isNotNull());
        return server.status(source).lastAppliedCommit();
    }

    /** A sync asked for after {@code instant} has run: only a requested sync of an unchanged commit records its time. */
    private void awaitSyncedAfter(String source, Instant instant) {
        await().atMost(WITHIN_SECONDS).untilAsserted(() -> assertThat(Timestamps.parse(server.status(source).lastSyncTime()))
                .isAfter(instant));
    }

    private void requestSync(String source) {
        ObjectNode patch = Json.object();
        patch.putObject("metadata").putObject("annotations").put(Ownership.SYNC_REQUEST_ANNOTATION, Instant.now().toString());
        server.client().patch(ResourceTypes.GIT_SOURCE, GitOpsServer.NAMESPACE, source, PatchType.MERGE, patch, WriteOptions.defaults());
    }

    private void createUnmanaged(String name) {
        ObjectNode configMap = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
        configMap.putObject("metadata").put("name", name).put("namespace", GitOpsServer.NAMESPACE);
        server.client().create(ResourceTypes.CONFIG_MAP, GitOpsServer.NAMESPACE, configMap, WriteOptions.defaults());
    }

    private HttpResponse<String> deliver(byte[] body, String signature) throws Exception {
        URI hook = server.url().resolve("/hooks/git/default/apps");
        HttpRequest request = HttpRequest.newBuilder(hook)
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] pushEvent(String after, String changedFile) {
        ObjectNode push = Json.object().put("ref", "refs/heads/main").put("after", after);
        push.putArray("commits").addObject().put("id", after).putArray("modified").add(changedFile);
        return Json.write(push).getBytes(StandardCharsets.UTF_8);
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static String image(com.fasterxml.jackson.databind.JsonNode spec) {
        return spec.path("template").path("spec").path("containers").path(0).path("image").asText();
    }

    private static String file(int i) {
        return "cm-%02d.yaml".formatted(i);
    }

    private static String cm(int i) {
        return "cm-%02d".formatted(i);
    }
}
