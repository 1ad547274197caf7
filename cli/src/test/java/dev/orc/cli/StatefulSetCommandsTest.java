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

/**
 * {@code orc get|describe|rollout|scale} of StatefulSets and their claims and revisions against a real server whose
 * controllers run them (no node: pods stay Pending, which is all these commands need).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatefulSetCommandsTest {
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

    private static ObjectNode statefulSet(String name, int replicas, String image) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"%s","namespace":"default"},
                 "spec":{"replicas":%d,"serviceName":"%s","selector":{"matchLabels":{"app":"%s"}},
                         "template":{"metadata":{"labels":{"app":"%s"}},
                                     "spec":{"containers":[{"name":"kv","image":"%s"}]}},
                         "volumeClaimTemplates":[{"metadata":{"name":"data"},
                             "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}]}}
                """.formatted(name, replicas, name, name, name, image));
    }

    /** A StatefulSet of no replicas with two revisions, images v1 then v2. */
    private void twoRevisions(String name) {
        api.create(ResourceTypes.STATEFUL_SET, "default", statefulSet(name, 0, "registry.local/kv:v1"), WriteOptions.defaults());
        awaitRevisions(name, "1          <none>");
        ObjectNode patch = (ObjectNode) Json.parse("""
                {"spec":{"template":{"spec":{"containers":[{"name":"kv","image":"registry.local/kv:v2"}]}}}}""");
        api.patch(ResourceTypes.STATEFUL_SET, "default", name, PatchType.MERGE, patch, WriteOptions.defaults());
        awaitRevisions(name, "2          <none>");
    }

    private void awaitRevisions(String name, String line) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(cluster.orc("rollout", "history", "statefulset/" + name).out()).contains(line));
    }

    private String image(String name) {
        return api.get(ResourceTypes.STATEFUL_SET, "default", name).at("/spec/template/spec/containers/0/image").asText();
    }

    @Test
    void getShowsTheSetItsClaimAndItsRevisionByShortNames() {
        api.create(ResourceTypes.STATEFUL_SET, "default", statefulSet("listed", 1, "registry.local/kv:v1"),
                WriteOptions.defaults());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(cluster.orc("get", "pvc").out()).contains("data-listed-0").contains("Bound").contains("RWO"));
        CommandRun sets = cluster.orc("get", "sts");
        assertThat(sets.exitCode()).isZero();
        assertThat(sets.out()).startsWith("NAME ").contains("READY").containsPattern("listed +0/1 ");
        assertThat(cluster.orc("get", "controllerrevisions").out()).contains("statefulset.apps/listed");
        assertThat(cluster.orc("describe", "statefulset", "listed").out()).contains("Volume Claims:");
        assertThat(cluster.orc("describe", "pvc", "data-listed-0").out()).containsPattern("Used By: +listed-0");
    }

    @Test
    void historyListsTheRevisionsAndShowsOnesTemplate() {
        twoRevisions("hist");

        CommandRun run = cluster.orc("rollout", "history", "statefulset/hist");
        CommandRun one = cluster.orc("rollout", "history", "sts/hist", "--revision", "1");

        assertThat(run.out()).isEqualTo("""
                statefulset.apps/hist
                REVISION   CHANGE-CAUSE
                1          <none>
                2          <none>
                """);
        assertThat(one.out()).startsWith("statefulset.apps/hist with revision #1\nPod Template:\n")
                .contains("registry.local/kv:v1").doesNotContain("$patch");
    }

    @Test
    void undoRestoresThePreviousTemplateWhichBecomesTheNewestRevision() {
        twoRevisions("undone");

        CommandRun run = cluster.orc("rollout", "undo", "statefulset/undone");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("statefulset.apps/undone rolled back\n");
        assertThat(image("undone")).isEqualTo("registry.local/kv:v1");
        awaitRevisions("undone", "3          <none>");
        assertThat(cluster.orc("rollout", "undo", "statefulset/undone", "--to-revision", "3").out())
                .isEqualTo("statefulset.apps/undone skipped rollback (current template already matches revision 3)\n");
        assertThat(cluster.orc("rollout", "undo", "statefulset/undone", "--to-revision", "9").err())
                .isEqualTo("error: unable to find specified revision 9 in history of statefulset \"undone\"\n");
    }

    @Test
    void statusSaysHowManyPodsAreNotReadyAndScaleChangesReplicas() {
        api.create(ResourceTypes.STATEFUL_SET, "default", statefulSet("scaled", 2, "registry.local/kv:v1"),
                WriteOptions.defaults());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(cluster.orc("rollout", "status", "statefulset/scaled", "--watch=false").out())
                        .isEqualTo("Waiting for 2 pods to be ready...\n"));

        CommandRun scale = cluster.orc("scale", "statefulset/scaled", "--replicas", "0");

        assertThat(scale.out()).isEqualTo("statefulset.apps/scaled scaled\n");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(cluster.orc("rollout", "status", "sts/scaled", "--timeout", "10s").out())
                        .endsWith("partitioned roll out complete: 0 new pods have been updated...\n"));
    }
}
