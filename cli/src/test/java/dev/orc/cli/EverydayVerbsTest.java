package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.Kubeconfig;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** kubectl's everyday verbs against a real API server: label, annotate, patch, edit, wait, config, version. */
class EverydayVerbsTest {
    @TempDir
    Path dir;
    TestCluster cluster;

    @BeforeEach
    void start() {
        cluster = new TestCluster(dir);
        CommandRun applied = cluster.orcWithInput(ApplyCommandTest.WEB, "apply", "-f", "-");
        assertThat(applied.exitCode()).as(applied.err()).isZero();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private JsonNode web() {
        return cluster.client().get(ResourceTypes.DEPLOYMENT, "default", "web");
    }

    @Test
    void labelSetsAndRemovesAndRefusesToOverwriteUnlessTold() {
        CommandRun set = cluster.orc("label", "deploy", "web", "team=shop", "tier-");
        assertThat(set.out()).isEqualTo("deployment.apps/web labeled\n");
        assertThat(web().at("/metadata/labels").toString()).isEqualTo("{\"app\":\"web\",\"team\":\"shop\"}");

        CommandRun refused = cluster.orc("label", "deployment/web", "team=ops");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("error: 'team' already has a value (shop), and --overwrite is false\n");

        assertThat(cluster.orc("label", "deployment/web", "team=ops", "--overwrite").out()).isEqualTo("deployment.apps/web labeled\n");
        assertThat(web().at("/metadata/labels/team").asText()).isEqualTo("ops");
        assertThat(cluster.orc("label", "deployment/web", "team=ops").out()).isEqualTo("deployment.apps/web not labeled\n");
    }

    @Test
    void labelNamesWhatIsMissing() {
        CommandRun noChange = cluster.orc("label", "deploy", "web");
        assertThat(noChange.exitCode()).isEqualTo(2);
        assertThat(noChange.err()).contains("give at least one change, as KEY=VALUE or KEY-");
        CommandRun noObject = cluster.orc("label", "team=shop");
        assertThat(noObject.err()).contains("name the objects, as KIND NAME or KIND/NAME");
    }

    @Test
    void annotateSetsAnnotations() {
        assertThat(cluster.orc("annotate", "deploy/web", "owner=team-a").out()).isEqualTo("deployment.apps/web annotated\n");
        assertThat(web().at("/metadata/annotations/owner").asText()).isEqualTo("team-a");
        assertThat(cluster.orc("annotate", "deploy/web", "owner-").exitCode()).isZero();
        assertThat(web().at("/metadata/annotations").has("owner")).isFalse();
    }

    @Test
    void patchAppliesEachTypeAndSaysWhenNothingChanged() {
        CommandRun strategic = cluster.orc("patch", "deploy", "web", "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:2\"}]}}}}");
        assertThat(strategic.out()).as(strategic.err()).isEqualTo("deployment.apps/web patched\n");
        assertThat(web().at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:2");

        assertThat(cluster.orc("patch", "deploy/web", "--type", "merge", "-p", "spec: {replicas: 5}").out())
                .isEqualTo("deployment.apps/web patched\n");
        assertThat(web().at("/spec/replicas").asInt()).isEqualTo(5);

        assertThat(cluster.orc("patch", "deploy/web", "--type", "json", "-p",
                "[{\"op\":\"remove\",\"path\":\"/metadata/labels/tier\"}]").exitCode()).isZero();
        assertThat(web().at("/metadata/labels").has("tier")).isFalse();

        assertThat(cluster.orc("patch", "deploy/web", "--type", "merge", "-p", "{\"spec\":{\"replicas\":5}}").out())
                .isEqualTo("deployment.apps/web patched (no change)\n");
    }

    @Test
    void patchRefusesABadTypeOrBodyNamingTheOption() {
        assertThat(cluster.orc("patch", "deploy/web", "--type", "apply", "-p", "{}").err())
                .contains("--type must be strategic, merge or json, got \"apply\"");
        assertThat(cluster.orc("patch", "deploy/web", "--type", "json", "-p", "{}").err())
                .contains("--patch: a json patch must be a list of operations");
        assertThat(cluster.orc("patch", "deploy/web", "--subresource", "log", "-p", "{}").err())
                .contains("--subresource: deployments have status, scale, not \"log\"");
    }

    @Test
    void editWritesBackWhatTheEditorSaved() throws Exception {
        Path editor = script("editor.sh", "sed -i 's/replicas: 2/replicas: 4/' \"$1\"");

        CommandRun edit = cluster.orcWithEnv(Map.of("EDITOR", editor.toString()), "edit", "deployment", "web");

        assertThat(edit.out()).as(edit.err()).isEqualTo("deployment.apps/web edited\n");
        assertThat(web().at("/spec/replicas").asInt()).isEqualTo(4);
    }

    @Test
    void editUnchangedIsCancelledAndARenameIsRefusedKeepingTheFile() throws Exception {
        CommandRun unchanged = cluster.orcWithEnv(Map.of("EDITOR", "true"), "edit", "deploy/web");
        assertThat(unchanged.out()).isEqualTo("Edit cancelled, no changes made.\n");

        Path rename = script("rename.sh", "sed -i 's/^  name: web$/  name: shop/' \"$1\"");
        CommandRun refused = cluster.orcWithEnv(Map.of("EDITOR", rename.toString()), "edit", "deploy/web");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("the edit changed metadata.name (web to shop), which orc edit cannot do; "
                + "your edit is kept in ");
        Path kept = Path.of(refused.err().substring(refused.err().indexOf("kept in ") + 8).strip());
        assertThat(Files.readString(kept)).contains("name: shop");
        Files.delete(kept);
    }

    @Test
    void editThatMeetsAChangeMadeMeanwhileIsAConflictNotALostUpdate() throws Exception {
        Path editor = script("slow.sh", "sed -i 's/replicas: 2/replicas: 4/' \"$1\"; touch \"" + dir.resolve("edited")
                + "\"; while [ ! -e \"" + dir.resolve("go") + "\" ]; do sleep 0.05; done");
        CompletableFuture<CommandRun> edit = CompletableFuture.supplyAsync(() ->
                cluster.orcWithEnv(Map.of("EDITOR", editor.toString()), "edit", "deploy/web"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> Files.exists(dir.resolve("edited")));
        cluster.client().patch(ResourceTypes.DEPLOYMENT, "default", "web", PatchType.MERGE,
                Json.parse("{\"spec\":{\"replicas\":3}}"), WriteOptions.defaults());
        Files.createFile(dir.resolve("go"));

        CommandRun result = edit.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("deployment.apps/web was not changed: ", "your edit is kept in ");
        assertThat(web().at("/spec/replicas").asInt()).isEqualTo(3);
    }

    @Test
    void waitForAConditionAJsonPathAndADeletion() {
        cluster.client().patchStatus(ResourceTypes.DEPLOYMENT, "default", "web", PatchType.MERGE, Json.parse(
                "{\"status\":{\"conditions\":[{\"type\":\"Available\",\"status\":\"True\"}]}}"));

        assertThat(cluster.orc("wait", "deploy/web", "--for=condition=available").out())
                .isEqualTo("deployment.apps/web condition met\n");
        assertThat(cluster.orc("wait", "deploy", "--all", "--for=jsonpath={.spec.replicas}=2").out())
                .isEqualTo("deployment.apps/web condition met\n");

        CommandRun timedOut = cluster.orc("wait", "deploy", "web", "--for=condition=Progressing", "--timeout=1s");
        assertThat(timedOut.exitCode()).isEqualTo(1);
        assertThat(timedOut.err()).isEqualTo("error: timed out after 1s waiting for condition=Progressing on deployment.apps/web\n");

        CompletableFuture<CommandRun> deleted = CompletableFuture.supplyAsync(() ->
                cluster.orc("wait", "--for=delete", "deploy/web", "--timeout=30s"));
        cluster.client().delete(ResourceTypes.DEPLOYMENT, "default", "web", dev.orc.api.client.DeleteOptions.defaults());
        assertThat(deleted.join().out()).isEqualTo("deployment.apps/web condition met\n");
    }

    @Test
    void waitRefusesAnUnknownConditionNamingTheOption() {
        CommandRun bad = cluster.orc("wait", "deploy/web", "--for=ready");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--for must be delete, condition=TYPE[=STATUS] or jsonpath={PATH}[=VALUE], got \"ready\"");
    }

    @Test
    void configListsSwitchesAndNamesContextsAndContextChoosesOne() throws Exception {
        Path config = dir.resolve("kubeconfig");
        Kubeconfig.read(dir.resolve("client-config"))
                .withContext("elsewhere", new ClientConfig(java.net.URI.create("https://192.0.2.1:6443"), "x", null, "shop"))
                .write(config);
        Map<String, String> env = Map.of("KUBECONFIG", config.toString(), "ORC_CONFIG", "");

        assertThat(cluster.orcWithEnv(env, "config", "get-contexts").out()).isEqualTo("""
                CURRENT   NAME        CLUSTER     AUTHINFO    NAMESPACE
                *         orc         orc         orc        \s
                          elsewhere   elsewhere   elsewhere   shop
                """);
        assertThat(cluster.orcWithEnv(env, "config", "current-context").out()).isEqualTo("orc\n");
        assertThat(cluster.orcWithEnv(env, "get", "deploy", "--context", "orc").out()).contains("web");

        assertThat(cluster.orcWithEnv(env, "config", "use-context", "elsewhere").out())
                .isEqualTo("Switched to context \"elsewhere\".\n");
        assertThat(Kubeconfig.read(config).currentContext()).isEqualTo("elsewhere");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");

        CommandRun missing = cluster.orcWithEnv(env, "config", "use-context", "nope");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no context named \"nope\"");
        CommandRun badContext = cluster.orcWithEnv(env, "get", "pods", "--context", "nope");
        assertThat(badContext.err()).contains("context \"nope\" is not in client config");
    }

    @Test
    void versionShowsClientAndServer() {
        CommandRun version = cluster.orc("version");
        assertThat(version.out()).startsWith("Client Version: orc ").contains("\nServer Version: orc ", "(Kubernetes v1.");
        assertThat(cluster.orc("version", "--client").out()).doesNotContain("Server Version");
    }

    private Path script(String name, String body) throws Exception {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
