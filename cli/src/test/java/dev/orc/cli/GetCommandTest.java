package dev.orc.cli;

import dev.orc.api.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import dev.orc.reconciler.apiserver.watch.WatchSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GetCommandTest {
    private static final String OBJECTS = ApplyCommandTest.WEB + """
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, labels: {app: web}}
            spec:
              type: NodePort
              selector: {app: web}
              ports:
              - {port: 80, targetPort: 8080, nodePort: 30080}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, labels: {app: other}}
            data: {a: "1", b: "2"}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: prices, namespace: shop}
            data: {x: "1"}
            """;

    @TempDir
    Path dir;
    TestCluster cluster;

    @BeforeEach
    void start() {
        cluster = new TestCluster(dir);
        CommandRun applied = cluster.orcWithInput(OBJECTS, "apply", "-f", "-");
        assertThat(applied.exitCode()).as(applied.err()).isZero();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void deploymentsListWithKubectlColumns() {
        CommandRun run = cluster.orc("get", "deploy");
        assertThat(run.out()).matches("NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    0/2     0            0           \\d+s\n");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void servicesShowTypeAddressAndPorts() {
        String out = cluster.orc("get", "svc", "web").out();
        assertThat(out.lines().findFirst().orElseThrow()).matches(
                "NAME   TYPE       CLUSTER-IP +EXTERNAL-IP   PORT\\(S\\)        AGE");
        assertThat(out).containsPattern("web    NodePort   10\\.96\\.\\d+\\.\\d+ +<none>        80:30080/TCP");
    }

    @Test
    void wideAddsColumns() {
        assertThat(cluster.orc("get", "deployments.apps", "-o", "wide").out().lines().findFirst().orElseThrow())
                .isEqualTo("NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES    SELECTOR");
    }

    @Test
    void allListsTheWorkloadKindsWithQualifiedNames() {
        String out = cluster.orc("get", "all").out();
        assertThat(out).contains("service/web").contains("deployment.apps/web").doesNotContain("settings");
        assertThat(out.split("\n\n")).hasSize(2);
    }

    @Test
    void allNamespacesAddsTheNamespaceColumn() {
        String out = cluster.orc("get", "cm", "-A").out();
        assertThat(out).startsWith("NAMESPACE   NAME       DATA   AGE\n");
        assertThat(out).contains("shop        prices     1").contains("default     settings   2");
    }

    @Test
    void aLabelSelectorFilters() {
        assertThat(cluster.orc("get", "cm,svc", "-l", "app=web", "-o", "name").out()).isEqualTo("service/web\n");
    }

    @Test
    void namespaceFlagChoosesTheNamespace() {
        assertThat(cluster.orc("get", "configmap", "-n", "shop", "-o", "name").out()).isEqualTo("configmap/prices\n");
    }

    @Test
    void oneObjectAsYamlKeepsKeyOrder() {
        String yaml = cluster.orc("get", "cm/settings", "-o", "yaml").out();
        assertThat(yaml).startsWith("apiVersion: v1\n").contains("data:\n  a: '1'\n  b: '2'\n").contains("kind: ConfigMap\n");
    }

    @Test
    void severalObjectsAsJsonAreAList() {
        var list = Json.parse(cluster.orc("get", "cm", "-A", "-o", "json").out());
        assertThat(list.path("kind").asText()).isEqualTo("List");
        assertThat(list.path("items")).hasSize(2);
        assertThat(list.at("/items/0/kind").asText()).isEqualTo("ConfigMap");
    }

    @Test
    void managedFieldsAreLeftOutOfYamlAndJsonUnlessAskedFor() {
        var one = Json.parse(cluster.orc("get", "cm/settings", "-o", "json").out());
        var list = Json.parse(cluster.orc("get", "cm", "-A", "-o", "json").out());
        var shown = Json.parse(cluster.orc("get", "cm/settings", "-o", "json", "--show-managed-fields").out());

        assertThat(one.path("metadata").has("managedFields")).isFalse();
        assertThat(list.at("/items/0/metadata").has("managedFields")).isFalse();
        assertThat(cluster.orc("get", "cm/settings", "-o", "yaml").out()).doesNotContain("managedFields");
        assertThat(shown.at("/metadata/managedFields/0/operation").asText()).isEqualTo("Update");
    }

    @Test
    void jsonpathPrintsTheSelectedFields() {
        assertThat(cluster.orc("get", "cm", "-A", "-o", "jsonpath={.items[*].metadata.name}").out())
                .isEqualTo("settings prices");
        assertThat(cluster.orc("get", "deploy", "web", "-o",
                "jsonpath={range .spec.template.spec.containers[*]}{.name}={.image}{\"\\n\"}{end}").out())
                .isEqualTo("web=nginx:1\n");
    }

    @Test
    void aMissingObjectIsAnErrorButTheOthersPrint() {
        CommandRun run = cluster.orc("get", "cm", "settings", "nope", "-o", "name");
        assertThat(run.out()).isEqualTo("configmap/settings\n");
        assertThat(run.err()).isEqualTo("error: configmaps \"nope\" not found\n");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void anEmptyListSaysSo() {
        CommandRun run = cluster.orc("get", "pods");
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("No resources found in default namespace.\n");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void anUnknownKindIsAUsageError() {
        CommandRun run = cluster.orc("get", "deploymnets");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("unknown resource type \"deploymnets\"; known: namespaces (ns), pods (po)");
    }

    @Test
    void watchPrintsChangesAfterTheList() {
        StringWriter out = new StringWriter();
        CompletableFuture<CommandRun> watching = CompletableFuture.supplyAsync(
                () -> cluster.orcInto(out, "", "get", "cm", "-w", "-o", "name", "--request-timeout=5s"));
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("configmap/settings\n"));
        cluster.orcWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: late}\n", "apply", "-f", "-");
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("configmap/late\n"));
        CommandRun run = watching.join();
        assertThat(run.out()).isEqualTo("configmap/settings\nconfigmap/late\n");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void watchReconnectsWhenTheServerEndsAWatchAndMissesNothing() {
        cluster.close();
        cluster = new TestCluster(dir.resolve("short"), new WatchSettings(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofMinutes(1), 1000, 5000, WatchSettings.DEFAULT_WINDOW_BYTES));
        cluster.orcWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: before}\n", "apply", "-f", "-");
        StringWriter out = new StringWriter();
        CompletableFuture<CommandRun> watching = CompletableFuture.supplyAsync(
                () -> cluster.orcInto(out, "", "get", "cm", "-w", "-o", "name", "--request-timeout=8s"));
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.finishedWatches("configmaps") >= 1);
        cluster.orcWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: after-reconnect}\n", "apply", "-f", "-");
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("configmap/after-reconnect\n"));
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.finishedWatches("configmaps") >= 3);
        CommandRun run = watching.join();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("configmap/before\nconfigmap/after-reconnect\n");
    }

    @Test
    void watchOnlyPrintsChangesWithoutTheList() {
        StringWriter out = new StringWriter();
        CompletableFuture<CommandRun> watching = CompletableFuture.supplyAsync(
                () -> cluster.orcInto(out, "", "get", "cm", "--watch-only", "-o", "name", "--request-timeout=5s"));
        int[] round = {0};
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            round[0]++;
            cluster.orcWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: late}\ndata: {round: \"" + round[0]
                    + "\"}\n", "apply", "-f", "-");
            assertThat(out.toString()).contains("configmap/late\n");
        });
        CommandRun run = watching.join();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("configmap/settings").matches("(configmap/late\n)+");
    }

    @Test
    void aWrongTokenIsOneLineFromTheServer() {
        CommandRun run = cluster.orc("get", "pods", "--token", "wrong");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: ").doesNotContain("Exception").hasLineCount(1);
    }
}
