package dev.orc.cli.gitops;

import dev.orc.api.gitops.Ownership;
import dev.orc.node.testing.DockerForTests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.GitSourceStatus;
import dev.orc.cli.server.GitFlag;
import dev.orc.node.ApiNodeApi;
import dev.orc.node.NodeAgent;
import dev.orc.node.NodeConfig;
import dev.orc.node.pod.PodLabels;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.docker.DockerRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GitOps down to running containers: orc's server started as {@code orc server --git URL#main} does, a node
 * agent on this machine's Docker engine, and a Git repository this test commits to. Needs Docker (fails in CI
 * without it).
 */
class GitOpsOnDockerTest {
    private static final Duration ROLLOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private final String node = "gitops-" + UUID.randomUUID().toString().substring(0, 8);
    private DockerRuntime runtime;
    private GitRepo repo;
    private GitOpsServer server;
    private NodeAgent agent;

    @BeforeEach
    void start() {
        runtime = DockerForTests.connect();
        for (String version : List.of("1", "2")) {
            ImageBuilder.ensure(runtime, ImageBuilder.busybox(ImageBuilder.DEFAULT_BUSYBOX, "orc/web:" + version)
                    .textFile("/www/index.html", "<h1>orc web version " + version + "</h1>\n")
                    .command(List.of("httpd", "-f", "-v", "-p", "8080", "-h", "/www"))
                    .build());
        }
        repo = GitRepo.init(dir.resolve("apps"));
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (server != null) {
            server.close();
        }
        if (runtime != null) {
            runtime.list(PodLabels.ofNode(node)).forEach(c -> runtime.remove(c.id()));
            runtime.close();
        }
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    void theFirstSyncRunsThePodsAndAPushedImageChangeRollsTheDeploymentOut() throws InterruptedException {
        String first = repo.write("web.yaml", Manifests.deployment("web", "orc/web:1", 2))
                .write("config.yaml", Manifests.configMap("web-config", "hello"))
                .commit("web 1");
        server = GitOpsServer.start(dir.resolve("server"), Optional.of(GitFlag.parse(repo.url() + "#main")));
        agent = NodeAgent.start(NodeConfig.defaults(node, dir.resolve("node")).withAddress("127.0.0.1")
                .withResync(Duration.ofMillis(500)), new ApiNodeApi(server.client()), runtime, Clock.systemUTC(), "test");

        await().atMost(ROLLOUT).untilAsserted(() -> {
            assertThat(runningReadyPods("orc/web:1")).hasSize(2);
            GitSourceStatus status = server.status("apps");
            assertThat(status.lastAppliedCommit()).isEqualTo(first);
            assertThat(status.health()).as(status.message()).isEqualTo(GitSourceStatus.HEALTHY);
        });
        assertThat(server.find(ResourceTypes.CONFIG_MAP, "web-config")).isPresent();
        assertThat(runtime.list(PodLabels.ofNode(node))).isNotEmpty();

        String second = repo.write("web.yaml", Manifests.deployment("web", "orc/web:2", 2)).commit("web 2");
        requestSync("apps");

        await().atMost(ROLLOUT).untilAsserted(() -> {
            assertThat(server.list(ResourceTypes.REPLICA_SET)).anySatisfy(rs -> {
                assertThat(image(rs)).isEqualTo("orc/web:2");
                assertThat(rs.path("status").path("readyReplicas").asInt()).isEqualTo(2);
            });
            assertThat(runningReadyPods("orc/web:2")).hasSize(2);
            assertThat(server.list(ResourceTypes.POD)).allSatisfy(pod ->
                    assertThat(pod.path("spec").path("containers").path(0).path("image").asText()).isEqualTo("orc/web:2"));
            GitSourceStatus status = server.status("apps");
            assertThat(status.lastAppliedCommit()).isEqualTo(second);
            assertThat(status.health()).as(status.message()).isEqualTo(GitSourceStatus.HEALTHY);
        });
        assertThat(server.list(ResourceTypes.REPLICA_SET)).filteredOn(rs -> image(rs).equals("orc/web:1"))
                .singleElement().satisfies(rs -> assertThat(rs.path("spec").path("replicas").asInt()).isZero());
    }

    private List<ObjectNode> runningReadyPods(String image) {
        return server.list(ResourceTypes.POD).stream()
                .filter(pod -> pod.path("spec").path("containers").path(0).path("image").asText().equals(image))
                .filter(pod -> pod.path("status").path("phase").asText().equals("Running"))
                .filter(pod -> pod.path("metadata").path("deletionTimestamp").isMissingNode())
                .filter(GitOpsOnDockerTest::ready)
                .toList();
    }

    private static boolean ready(JsonNode pod) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                return condition.path("status").asText().equals("True");
            }
        }
        return false;
    }

    private void requestSync(String source) {
        ObjectNode patch = Json.object();
        patch.putObject("metadata").putObject("annotations").put(Ownership.SYNC_REQUEST_ANNOTATION, Instant.now().toString());
        server.client().patch(ResourceTypes.GIT_SOURCE, GitOpsServer.NAMESPACE, source, PatchType.MERGE, patch, WriteOptions.defaults());
    }

    private static String image(JsonNode workload) {
        return workload.path("spec").path("template").path("spec").path("containers").path(0).path("image").asText();
    }
}
