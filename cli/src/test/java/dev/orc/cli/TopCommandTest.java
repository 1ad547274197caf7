package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Container;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.ServiceAccount;
import dev.orc.node.ApiNodeApi;
import dev.orc.node.NodeAgent;
import dev.orc.node.NodeConfig;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.fake.FakeRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code orc top} against a real API server and a node agent over the fake runtime, read over loopback. */
class TopCommandTest {

    @TempDir
    Path dir;
    private TestCluster cluster;
    private NodeAgent agent;

    @BeforeEach
    void start() {
        cluster = new TestCluster(dir);
        FakeRuntime runtime = new FakeRuntime(Clock.systemUTC());
        ImageBuilder.ensure(runtime, ImageBuilder.busyboxImage(ImageBuilder.DEFAULT_BUSYBOX));
        agent = NodeAgent.start(NodeConfig.defaults("n1", dir.resolve("node")).withServerKey(cluster.server().nodeClientKey()).withAddress("127.0.0.1")
                .withResync(Duration.ofMillis(300)), new ApiNodeApi(cluster.client()), runtime, Clock.systemUTC(), "test");
    }

    @AfterEach
    void stop() {
        agent.close();
        cluster.close();
    }

    private void runPod(String namespace, String name) {
        if (!namespace.equals("default")) {
            ObjectNode ns = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
            ns.putObject("metadata").put("name", namespace);
            cluster.client().create(ResourceTypes.NAMESPACE, null, ns, WriteOptions.defaults());
            // the default account, which the service-accounts controller (not run here) would make
            cluster.client().resource(ServiceAccount.class).create(ServiceAccount.of(ObjectMeta.of(namespace,
                    ServiceAccount.DEFAULT)));
        }
        Pod pod = Pod.of(ObjectMeta.of(namespace, name), PodSpec.of(Container.of("app", "orc/busybox:1")
                .withCommand(List.of("serve"), null)).withNodeName("n1"));
        cluster.client().create(ResourceTypes.POD, namespace, (ObjectNode) Json.tree(pod), WriteOptions.defaults());
        await().atMost(Duration.ofSeconds(20)).until(() -> "Running".equals(
                cluster.client().get(ResourceTypes.POD, namespace, name).path("status").path("phase").asText()));
    }

    @Test
    void topPodsShowsEachRunningPodsUsageInTheNamespace() {
        runPod("default", "web");

        CommandRun run = cluster.orc("top", "pods");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).hasSize(2);
        assertThat(run.out().lines().toList().get(0)).matches("NAME +CPU\\(cores\\) +MEMORY\\(bytes\\)");
        assertThat(run.out().lines().toList().get(1)).matches("web +\\d+m +4Mi");
    }

    @Test
    void topPodsWithContainersAndAllNamespacesShowsOneLinePerContainer() {
        runPod("shop", "cart");

        CommandRun run = cluster.orc("top", "pods", "-A", "--containers");

        assertThat(run.out().lines().toList().get(0)).matches("NAMESPACE +POD +NAME +CPU\\(cores\\) +MEMORY\\(bytes\\)");
        assertThat(run.out().lines().toList().get(1)).matches("shop +cart +app +\\d+m +4Mi");
        assertThat(cluster.orc("top", "pods").err()).isEqualTo("No resources found\n");
    }

    @Test
    void topNodesShowsTheNodesCpuAndMemoryWithShares() {
        CommandRun run = cluster.orc("top", "nodes");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList().get(0)).matches("NAME +CPU\\(cores\\) +CPU% +MEMORY\\(bytes\\) +MEMORY%");
        assertThat(run.out().lines().toList().get(1)).matches("n1 +\\d+m +\\d+% +\\d+Mi +\\d+%");
    }

    @Test
    void aTokenTheNodeDoesNotAcceptIsReportedPerNode() {
        CommandRun run = cluster.orc("top", "nodes", "--token", "wrong");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: ");
    }
}
