package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.apply.LastApplied;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ApplyCommandTest {
    static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web, tier: front}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: nginx:1
            """;

    @TempDir
    Path dir;
    TestCluster cluster;

    @BeforeEach
    void start() {
        cluster = new TestCluster(dir);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void applyCreatesThenReportsUnchangedThenConfigured() throws IOException {
        Path web = file("web.yaml", WEB);
        assertThat(cluster.orc("apply", "-f", web.toString()).out()).isEqualTo("deployment.apps/web created\n");
        assertThat(cluster.orc("apply", "-f", web.toString()).out()).isEqualTo("deployment.apps/web unchanged\n");
        file("web.yaml", WEB.replace("replicas: 2", "replicas: 3"));
        CommandRun run = cluster.orc("apply", "-f", web.toString());
        assertThat(run.out()).isEqualTo("deployment.apps/web configured\n");
        assertThat(run.exitCode()).isZero();
        assertThat(cluster.client().get(ResourceTypes.DEPLOYMENT, "default", "web").at("/spec/replicas").asInt())
                .isEqualTo(3);
    }

    @Test
    void aFieldRemovedFromTheFileIsRemovedFromTheObject() throws IOException {
        Path web = file("web.yaml", WEB);
        cluster.orc("apply", "-f", web.toString());
        file("web.yaml", WEB.replace("labels: {app: web, tier: front}", "labels: {app: web}"));
        assertThat(cluster.orc("apply", "-f", web.toString()).out()).isEqualTo("deployment.apps/web configured\n");
        ObjectNode live = cluster.client().get(ResourceTypes.DEPLOYMENT, "default", "web");
        assertThat(live.at("/metadata/labels").toString()).isEqualTo("{\"app\":\"web\"}");
        assertThat(LastApplied.of(live).orElseThrow().at("/metadata/labels/tier").isMissingNode()).isTrue();
    }

    @Test
    void aFieldAddedByAnotherWriterSurvivesApply() throws IOException {
        Path web = file("web.yaml", WEB);
        cluster.orc("apply", "-f", web.toString());
        cluster.client().patch(ResourceTypes.DEPLOYMENT, "default", "web", dev.orc.api.client.PatchType.MERGE,
                dev.orc.api.json.Json.parse("{\"metadata\":{\"annotations\":{\"team\":\"blue\"}}}"),
                dev.orc.api.client.WriteOptions.defaults());
        file("web.yaml", WEB.replace("image: nginx:1", "image: nginx:2"));
        cluster.orc("apply", "-f", web.toString());
        ObjectNode live = cluster.client().get(ResourceTypes.DEPLOYMENT, "default", "web");
        assertThat(live.at("/metadata/annotations/team").asText()).isEqualTo("blue");
        assertThat(live.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:2");
    }

    @Test
    void aDirectoryIsAppliedNamespacesFirst() throws IOException {
        Path manifests = Files.createDirectories(dir.resolve("manifests"));
        Files.writeString(manifests.resolve("a-config.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: shop}
                data: {mode: fast}
                """);
        Files.writeString(manifests.resolve("b-namespace.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
        CommandRun run = cluster.orc("apply", "-f", manifests.toString());
        assertThat(run.out()).isEqualTo("namespace/shop created\nconfigmap/settings created\n");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aBrokenDocumentStopsTheWholeApply() throws IOException {
        Path web = file("web.yaml", WEB + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n");
        CommandRun run = cluster.orc("apply", "-f", web.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(web + ":18:18: ConfigMap \"Bad_Name\"").contains("metadata.name: invalid value \"Bad_Name\"")
                .contains("error: nothing was changed: 1 error in the manifests");
        assertThat(run.out()).isEmpty();
        assertThat(cluster.orc("get", "deploy").err()).isEqualTo("No resources found in default namespace.\n");
    }

    @Test
    void standardInputIsReadForDashF() {
        CommandRun run = cluster.orcWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n", "apply", "-f", "-");
        assertThat(run.out()).isEqualTo("configmap/c created\n");
    }

    @Test
    void dryRunsChangeNothing() throws IOException {
        Path web = file("web.yaml", WEB);
        assertThat(cluster.orc("apply", "-f", web.toString(), "--dry-run=server").out())
                .isEqualTo("deployment.apps/web created (server dry run)\n");
        assertThat(cluster.orc("apply", "-f", web.toString(), "--dry-run=client").out())
                .isEqualTo("deployment.apps/web created (dry run)\n");
        assertThat(cluster.orc("get", "deploy", "-o", "name").out()).isEmpty();
    }

    @Test
    void aServerRefusalNamesTheObjectAndTheServersReason() throws IOException {
        Path pod = file("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: nowhere}\n"
                + "spec:\n  containers:\n  - {name: c, image: busybox}\n");
        CommandRun run = cluster.orc("apply", "-f", pod.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: pod/p: ").contains("nowhere").doesNotContain("Exception");
    }
}
