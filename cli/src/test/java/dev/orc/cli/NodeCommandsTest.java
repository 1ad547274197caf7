package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code orc cordon}, {@code uncordon} and {@code drain} against an API server with no controllers: budgets carry
 * the status the disruption controller would write.
 */
class NodeCommandsTest {
    @TempDir
    Path dir;

    private TestCluster cluster;
    private ApiClient api;

    @BeforeEach
    void start() {
        cluster = new TestCluster(dir);
        api = cluster.client();
        api.create(ResourceTypes.NODE, null, (ObjectNode) Json.parse("""
                {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}}
                """), WriteOptions.defaults());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void pod(String name, String ownerKind) {
        String owner = ownerKind == null ? "" : """
                , "ownerReferences": [{"apiVersion": "apps/v1", "kind": "%s", "name": "owner", "uid": "u-%s",
                                       "controller": true}]""".formatted(ownerKind, name);
        api.create(ResourceTypes.POD, "default", (ObjectNode) Json.parse("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "%s", "namespace": "default"%s},
                 "spec": {"nodeName": "n1", "containers": [{"name": "c", "image": "registry.local/c:v1"}]}}
                """.formatted(name, owner)), WriteOptions.defaults());
    }

    /** A pod of a ReplicaSet, labelled app=web, Running and Ready. */
    private void readyPod(String name) {
        pod(name, "ReplicaSet");
        ObjectNode pod = api.get(ResourceTypes.POD, "default", name);
        pod.withObjectProperty("metadata").putObject("labels").put("app", "web");
        ObjectNode labelled = api.update(ResourceTypes.POD, "default", pod, WriteOptions.defaults());
        labelled.set("status", Json.parse("""
                {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}"""));
        api.updateStatus(ResourceTypes.POD, "default", labelled);
    }

    /** A budget "web" of minAvailable 1 over app=web, its status as the disruption controller would write it. */
    private void budget(int disruptionsAllowed) {
        ObjectNode pdb = api.find(ResourceTypes.POD_DISRUPTION_BUDGET, "default", "web").orElseGet(() ->
                api.create(ResourceTypes.POD_DISRUPTION_BUDGET, "default", (ObjectNode) Json.parse("""
                        {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "web"},
                         "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app": "web"}}}}
                        """), WriteOptions.defaults()));
        pdb.putObject("status").put("observedGeneration", 1).put("currentHealthy", 1 + disruptionsAllowed)
                .put("desiredHealthy", 1).put("expectedPods", 1 + disruptionsAllowed)
                .put("disruptionsAllowed", disruptionsAllowed);
        api.updateStatus(ResourceTypes.POD_DISRUPTION_BUDGET, "default", pdb);
    }

    private boolean unschedulable() {
        return api.get(ResourceTypes.NODE, null, "n1").path("spec").path("unschedulable").asBoolean(false);
    }

    @Test
    void cordonAndUncordonFlipSchedulabilityAndSayWhenAlreadyDone() {
        assertThat(cluster.orc("cordon", "n1").out()).isEqualTo("node/n1 cordoned\n");
        assertThat(unschedulable()).isTrue();
        assertThat(cluster.orc("cordon", "n1").out()).isEqualTo("node/n1 already cordoned\n");
        assertThat(cluster.orc("uncordon", "n1").out()).isEqualTo("node/n1 uncordoned\n");
        assertThat(unschedulable()).isFalse();
        assertThat(cluster.orc("uncordon", "n1").out()).isEqualTo("node/n1 already uncordoned\n");
    }

    @Test
    void drainRefusesDaemonSetAndUnmanagedPodsWithoutTheFlagsButLeavesTheNodeCordoned() {
        pod("agent", "DaemonSet");
        pod("bare", null);

        CommandRun run = cluster.orc("drain", "n1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: unable to drain node \"n1\" (it stays cordoned): cannot delete "
                + "DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent; cannot delete Pods that "
                + "declare no controller (use --force to override): default/bare\n");
        assertThat(unschedulable()).isTrue();
        assertThat(api.get(ResourceTypes.POD, "default", "bare")).isNotNull();
    }

    @Test
    void drainDeletesThePodsButDaemonSetOnesAndWaitsForThemToGo() {
        pod("agent", "DaemonSet");
        pod("web-1", "ReplicaSet");

        CommandRun run = cluster.orc("drain", "n1", "--ignore-daemonsets", "--grace-period", "0", "--timeout", "20s");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                node/n1 cordoned
                evicting pod default/web-1
                pod/web-1 evicted
                node/n1 drained
                """);
        assertThat(run.err()).isEqualTo("Warning: ignoring DaemonSet-managed Pods: default/agent\n");
        assertThatThrownBy(() -> api.get(ResourceTypes.POD, "default", "web-1")).isInstanceOf(ApiException.class);
        assertThat(api.get(ResourceTypes.POD, "default", "agent")).isNotNull();
    }

    @Test
    void drainWithEvictionDisabledDeletesThePodsDirectlyWhateverTheBudget() {
        readyPod("web-1");
        budget(0);

        CommandRun run = cluster.orc("drain", "n1", "--disable-eviction", "--grace-period", "0", "--timeout", "20s");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                node/n1 cordoned
                deleting pod default/web-1
                pod/web-1 deleted
                node/n1 drained
                """);
    }

    @Test
    void drainRetriesAnEvictionTheBudgetRefusesUntilTheTimeoutThenFailsNamingTheBudget() {
        readyPod("web-1");
        budget(0);

        CommandRun run = cluster.orc("drain", "n1", "--timeout", "1s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("node/n1 cordoned\nevicting pod default/web-1\n");
        assertThat(run.err()).isEqualTo("""
                error when evicting pods/"web-1" -n "default" (will retry after 5s): Cannot evict pod as it would \
                violate the pod's disruption budget. (The disruption budget web needs 1 healthy pods and has 1 currently)
                error: unable to drain node "n1" (it stays cordoned): error when evicting pods/"web-1" -n "default": \
                global timeout reached: 1s (The disruption budget web needs 1 healthy pods and has 1 currently)
                """);
        assertThat(api.get(ResourceTypes.POD, "default", "web-1").path("metadata").has("deletionTimestamp")).isFalse();
    }

    @Test
    void drainWaitsWhileTheBudgetRefusesAndCompletesOnceItAllows() {
        readyPod("web-1");
        budget(0);
        StringWriter out = new StringWriter();
        CompletableFuture<CommandRun> drain = CompletableFuture.supplyAsync(() -> cluster.orcInto(out, "",
                "drain", "n1", "--grace-period", "0", "--timeout", "60s"));

        await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().split("evicting pod", -1).length > 2);
        budget(1);

        CommandRun run = drain.join();
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("error when evicting pods/\"web-1\" -n \"default\" (will retry after 5s): "
                + "Cannot evict pod as it would violate the pod's disruption budget. (The disruption budget web needs 1 "
                + "healthy pods and has 1 currently)\n");
        assertThat(run.out()).startsWith("node/n1 cordoned\nevicting pod default/web-1\n")
                .endsWith("evicting pod default/web-1\npod/web-1 evicted\nnode/n1 drained\n");
        assertThat(api.find(ResourceTypes.POD, "default", "web-1")).isEmpty();
    }

    @Test
    void drainRefusesPodsWithEmptyDirUnlessTheirDataMayGo() {
        api.create(ResourceTypes.POD, "default", (ObjectNode) Json.parse("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "cache", "namespace": "default",
                 "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "owner", "uid": "u-1",
                                      "controller": true}]},
                 "spec": {"nodeName": "n1", "volumes": [{"name": "scratch", "emptyDir": {}}],
                          "containers": [{"name": "c", "image": "registry.local/c:v1"}]}}
                """), WriteOptions.defaults());

        CommandRun refused = cluster.orc("drain", "n1");
        CommandRun drained = cluster.orc("drain", "n1", "--delete-emptydir-data", "--grace-period", "0");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("error: unable to drain node \"n1\" (it stays cordoned): cannot delete "
                + "Pods with local storage (use --delete-emptydir-data to override): default/cache\n");
        assertThat(drained.exitCode()).isZero();
        assertThat(drained.err()).isEqualTo("Warning: deleting Pods with local storage: default/cache\n");
        assertThat(api.find(ResourceTypes.POD, "default", "cache")).isEmpty();
    }

    @Test
    void drainGivesUpAfterTheTimeoutNamingThePodsStillThere() {
        pod("web-1", "ReplicaSet");

        CommandRun run = cluster.orc("drain", "n1", "--timeout", "1s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: drain of node \"n1\" did not finish within 1s; pods still there: default/web-1\n");
    }
}
