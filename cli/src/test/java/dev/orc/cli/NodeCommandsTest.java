package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ApiException;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code orc cordon}, {@code uncordon} and {@code drain} against an API server with no controllers. */
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
                deleting pod default/web-1
                pod/web-1 deleted
                node/n1 drained
                """);
        assertThat(run.err()).isEqualTo("Warning: ignoring DaemonSet-managed Pods: default/agent\n");
        assertThatThrownBy(() -> api.get(ResourceTypes.POD, "default", "web-1")).isInstanceOf(ApiException.class);
        assertThat(api.get(ResourceTypes.POD, "default", "agent")).isNotNull();
    }

    @Test
    void drainGivesUpAfterTheTimeoutNamingThePodsStillThere() {
        pod("web-1", "ReplicaSet");

        CommandRun run = cluster.orc("drain", "n1", "--timeout", "1s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: drain of node \"n1\" did not finish within 1s; pods still there: default/web-1\n");
    }
}
