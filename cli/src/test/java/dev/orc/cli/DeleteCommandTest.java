package dev.orc.cli;

import dev.orc.api.status.ApiException;
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
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class DeleteCommandTest {
    private static final String CONFIGS = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: b}
            """;

    @TempDir
    Path dir;
    TestCluster cluster;

    @BeforeEach
    void start() {
        cluster = new TestCluster(dir);
        cluster.orcWithInput(CONFIGS, "apply", "-f", "-");
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void deletesNamedObjects() {
        CommandRun run = cluster.orc("delete", "cm", "a", "b");
        assertThat(run.out()).isEqualTo("configmap \"a\" deleted\nconfigmap \"b\" deleted\n");
        assertThat(cluster.orc("get", "cm", "-o", "name").out()).isEmpty();
    }

    @Test
    void deletesWhatAManifestDescribes() throws Exception {
        Path file = dir.resolve("configs.yaml");
        Files.writeString(file, CONFIGS);
        CommandRun run = cluster.orc("delete", "-f", file.toString());
        assertThat(run.out()).isEqualTo("configmap \"b\" deleted\nconfigmap \"a\" deleted\n");
    }

    @Test
    void aMissingObjectIsAnErrorUnlessIgnored() {
        CommandRun run = cluster.orc("delete", "cm/a", "cm/nope");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: configmaps \"nope\" not found\n");
        assertThat(cluster.orc("delete", "cm", "nope", "--ignore-not-found").exitCode()).isZero();
    }

    @Test
    void waitReturnsOnceAFinalizerLetsTheObjectGo() {
        cluster.client().patch(ResourceTypes.CONFIG_MAP, "default", "a", PatchType.MERGE,
                Json.parse("{\"metadata\":{\"finalizers\":[\"test/hold\"]}}"), WriteOptions.defaults());
        CompletableFuture<CommandRun> deleting = CompletableFuture.supplyAsync(
                () -> cluster.orc("delete", "cm", "a", "--wait", "--timeout=30s"));
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> cluster.client()
                .get(ResourceTypes.CONFIG_MAP, "default", "a").at("/metadata/deletionTimestamp").isTextual());
        assertThat(deleting).isNotDone();
        cluster.client().patch(ResourceTypes.CONFIG_MAP, "default", "a", PatchType.MERGE,
                Json.parse("{\"metadata\":{\"finalizers\":null}}"), WriteOptions.defaults());
        CommandRun run = deleting.join();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThatThrownBy(() -> cluster.client().get(ResourceTypes.CONFIG_MAP, "default", "a"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isNotFound()).isTrue());
    }

    @Test
    void waitGivesUpAfterItsTimeout() {
        cluster.client().patch(ResourceTypes.CONFIG_MAP, "default", "a", PatchType.MERGE,
                Json.parse("{\"metadata\":{\"finalizers\":[\"test/hold\"]}}"), WriteOptions.defaults());
        CommandRun run = cluster.orc("delete", "cm", "a", "--wait", "--timeout=1s");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: timed out after 1s waiting for the deletion of configmap \"a\"\n");
    }

    @Test
    void anUnknownCascadeIsAUsageError() {
        CommandRun run = cluster.orc("delete", "cm", "a", "--cascade=sideways");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("invalid --cascade \"sideways\": use background, foreground or orphan");
    }
}
