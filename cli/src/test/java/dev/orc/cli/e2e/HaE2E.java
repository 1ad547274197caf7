package dev.orc.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.store.etcd.LocalEtcdCluster;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 end to end: a 3-member etcd cluster on loopback, three {@code orc server}s joined with one cluster
 * token, and a node agent given all three server URLs. Servers die (SIGKILL, SIGTERM) while work goes on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HaE2E {
    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final String TOKEN = "ha-e2e-cluster-token";
    private static final String LEASE = "orc-controller-manager";
    private static final PersonIdent AUTHOR = new PersonIdent("orc e2e", "e2e@orc.invalid");

    @TempDir
    static Path dir;
    private static LocalEtcdCluster etcd;
    private static E2ECluster cluster;
    private static String[] serverArgs;
    private static final List<String> urls = new ArrayList<>();
    private static String node;

    @BeforeAll
    static void start() {
        DockerHost.require();
        etcd = LocalEtcdCluster.start(dir.resolve("etcd"), 3);
        String store = "etcd://" + etcd.endpoints().stream().map(e -> e.replace("http://", "")).collect(Collectors.joining(","));
        serverArgs = new String[] {"--store", store, "--cluster-token", TOKEN};
        cluster = E2ECluster.server(dir, "HaE2E", serverArgs);
        urls.add(cluster.client().server().toString());
        urls.add(cluster.startServer("server-b", "127.0.0.1:0", serverArgs));
        urls.add(cluster.startServer("server-c", "127.0.0.1:0", serverArgs));
        cluster.useServers(urls);
        node = cluster.startNode("n1");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    @Order(1)
    void exactlyOneServerLeadsAndEveryServerAnswersWithTheSharedCredentials() {
        cluster.await("a leader in the lease", SETTLE, () -> assertThat(holder()).isNotEmpty());
        String leader = holder();
        assertThat(cluster.servers().values()).filteredOn(p -> p.output().contains(" became the leader")).hasSize(1);
        for (String url : urls) {
            ApiClient direct = ApiClient.connect(ClientConfig.read(configOf()).withServer(url));
            assertThat(direct.get(ResourceTypes.LEASE, "kube-system", LEASE).at("/spec/holderIdentity").asText())
                    .isEqualTo(leader);
        }
        String leases = cluster.orc("get", "leases", "-n", "kube-system").succeeded().out();
        assertThat(leases).contains(LEASE, leader);
    }

    @Test
    @Order(2)
    void theNodeKeepsWorkingThroughTheNextServerWhenTheFirstOfItsServersDies() {
        cluster.servers().get("control-plane").kill();

        cluster.apply("after-first-server", Manifests.namespace("ha") + deployment("after", 2, "orc/web:1"));
        cluster.await("2 pods of a deployment made after the first server died run on " + node, SETTLE, () ->
                assertThat(cluster.pods("ha", "app=after")).hasSize(2).allMatch(PodView::serving)
                        .extracting(PodView::node).containsOnly(node));
        assertThat(cluster.nodeReady(node)).isEqualTo("True");
        String address = URI.create(urls.getFirst()).getAuthority();
        assertThat(cluster.startServer("server-a2", address, serverArgs)).isEqualTo(urls.getFirst());
    }

    @Test
    @Order(3)
    void killingTheLeaderMidRolloutHandsOverAndTheRolloutEndsWithExactlyTenPodsWhileAGitSourceKeepsSyncing()
            throws Exception {
        Path repo = gitRepository("first");
        cluster.apply("source", Manifests.namespace("ha") + gitSource(repo.toUri().toString()));
        cluster.await("the GitSource applied its first commit", SETTLE, () -> assertThat(synced()).isEqualTo("first"));
        cluster.apply("roll-v1", Manifests.namespace("ha") + deployment("roll", 10, "orc/web:1"));
        cluster.await("10 roll pods serving", SETTLE, () ->
                assertThat(cluster.pods("ha", "app=roll")).hasSize(10).allMatch(PodView::serving));

        cluster.apply("roll-v2", Manifests.namespace("ha") + deployment("roll", 10, "orc/web:2"));
        cluster.await("the rollout under way", SETTLE, () ->
                assertThat(cluster.pods("ha", "app=roll")).extracting(PodView::image).contains("orc/web:2"));
        String before = holder();
        serverLeading(before).kill();
        commit(repo, "second");

        cluster.await("another server leads", SETTLE, () -> assertThat(holder()).isNotEqualTo(before).isNotEmpty());
        cluster.await("the GitSource applied the commit made after the kill", SETTLE, () ->
                assertThat(synced()).isEqualTo("second"));
        cluster.await("10 roll pods of the new template serving, and no other", Duration.ofMinutes(4), () -> {
            JsonNode deployment = cluster.client().get(ResourceTypes.DEPLOYMENT, "ha", "roll");
            assertThat(deployment.at("/status/updatedReplicas").asInt()).isEqualTo(10);
            assertThat(cluster.pods("ha", "app=roll")).hasSize(10).allMatch(PodView::serving)
                    .extracting(PodView::image).containsOnly("orc/web:2");
        });
    }

    @Test
    @Order(4)
    void sigtermToTheLeaderHandsOverWithoutWaitingForTheLease() {
        String before = holder();
        long stopped = System.nanoTime();
        serverLeading(before).stop(Duration.ofSeconds(30));

        cluster.await("another server leads", SETTLE, () -> assertThat(holder()).isNotEqualTo(before).isNotEmpty());
        Duration handover = Duration.ofNanos(System.nanoTime() - stopped);
        assertThat(handover).as("handover after SIGTERM (the lease is 4 s)").isLessThan(Duration.ofSeconds(30));
        cluster.apply("after-handover", Manifests.namespace("ha") + deployment("handed", 1, "orc/web:1"));
        cluster.await("a deployment made after the handover runs", SETTLE, () ->
                assertThat(cluster.pods("ha", "app=handed")).hasSize(1).allMatch(PodView::serving));
    }

    @Test
    @Order(5)
    void withoutAnEtcdQuorumWritesFailNamingTheStoreReadsSayTheyMayBeStaleAndAllRecoversWithTheMembers() {
        etcd.member(0).stop();
        cluster.orc("create", "configmap", "one-member-down", "-n", "ha", "--from-literal=k=v").succeeded();
        etcd.member(1).stop();
        try {
            CommandResult refused = cluster.orc("create", "configmap", "two-members-down", "-n", "ha", "--from-literal=k=v");
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.err()).contains("the store is unavailable").contains("etcd");
            CommandResult stale = cluster.orc("get", "configmap", "one-member-down", "-n", "ha");
            assertThat(stale.exitCode()).as(stale.err()).isZero();
            assertThat(stale.out()).contains("one-member-down");
            assertThat(stale.err()).contains("may be stale");
        } finally {
            etcd.member(0).resume();
            etcd.member(1).resume();
        }
        cluster.await("writes accepted again", SETTLE, () ->
                cluster.orc("create", "configmap", "members-back", "-n", "ha", "--from-literal=k=v").succeeded());
    }

    @Test
    @Order(6)
    void aServerWithAWrongClusterTokenIsRefusedHavingChangedNothing() {
        CommandResult refused = cluster.orc("server", "--listen", "127.0.0.1:0", "--data-dir", dir.resolve("wrong").toString(),
                "--store", serverArgs[1], "--cluster-token", "not-the-cluster-token");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.out() + refused.err()).containsIgnoringCase("cluster token");
        assertThat(cluster.orc("get", "configmap", "members-back", "-n", "ha").succeeded().out()).contains("members-back");
    }

    @Test
    @Order(7)
    void rotatingTheEncryptionKeysReachesEveryRunningServerAndEverySecretStaysReadableThroughEachOfThem() {
        List<String> candidates = new ArrayList<>(urls);
        candidates.add(cluster.startServer("server-d", "127.0.0.1:0", serverArgs));
        List<ApiClient> answering = candidates.stream()
                .map(url -> ApiClient.connect(ClientConfig.read(configOf()).withServer(url))).filter(HaE2E::answers).toList();
        assertThat(answering).as("servers answering").hasSizeGreaterThanOrEqualTo(2);
        cluster.orc("create", "secret", "generic", "before-rotation", "-n", "ha", "--from-literal=password=hunter2")
                .succeeded();

        String rotated = cluster.orc("secrets-encrypt", "rotate-keys", "--store", serverArgs[1], "--cluster-token", TOKEN)
                .succeeded().out();

        assertThat(rotated).contains("every server encrypts new writes with key2").contains("rewrote")
                .contains("rotated: Secrets are encrypted with key2 on");
        answering.getFirst().create(ResourceTypes.SECRET, "ha", secret("after-rotation"), WriteOptions.defaults());
        for (ApiClient server : answering) {
            for (String name : List.of("before-rotation", "after-rotation")) {
                assertThat(server.get(ResourceTypes.SECRET, "ha", name).at("/data/password").asText()).as(name)
                        .isEqualTo("aHVudGVyMg==");
            }
        }
        assertThat(cluster.orc("secrets-encrypt", "status", "--store", serverArgs[1], "--cluster-token", TOKEN).succeeded()
                .out()).contains("keys: key2 ").contains("Secrets under older keys: 0").doesNotContain("other (");
    }

    private static boolean answers(ApiClient client) {
        try {
            client.get(ResourceTypes.NAMESPACE, null, "default");
            return true;
        } catch (RuntimeException down) {
            return false;
        }
    }

    private static ObjectNode secret(String name) {
        ObjectNode secret = Json.object().put("apiVersion", "v1")
                .put("kind", "Secret");
        secret.putObject("metadata").put("name", name);
        secret.putObject("data").put("password", "aHVudGVyMg==");
        return secret;
    }

    /** The value the GitSource's ConfigMap has in the cluster. */
    private static String synced() {
        return cluster.client().get(ResourceTypes.CONFIG_MAP, "ha", "from-git").at("/data/value").asText();
    }

    private static Path gitRepository(String value) throws Exception {
        Path repo = dir.resolve("git");
        Files.createDirectories(repo);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.commit().setMessage("empty").setAuthor(AUTHOR).setCommitter(AUTHOR).setAllowEmpty(true).call();
        }
        commit(repo, value);
        return repo;
    }

    private static void commit(Path repo, String value) throws Exception {
        Files.writeString(repo.resolve("config.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: from-git
                  namespace: ha
                data:
                  value: %s
                """.formatted(value));
        try (Git git = Git.open(repo.toFile())) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("value " + value).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
        }
    }

    private static String gitSource(String url) {
        return """
                apiVersion: orc.dev/v1
                kind: GitSource
                metadata:
                  name: settings
                  namespace: ha
                spec:
                  url: %s
                  ref: {branch: main}
                  interval: 2s
                """.formatted(url);
    }

    private static String holder() {
        return cluster.client().get(ResourceTypes.LEASE, "kube-system", LEASE).at("/spec/holderIdentity").asText();
    }

    /** The live server process whose output says it became the leader under {@code identity}. */
    private static OrcProcess serverLeading(String identity) {
        return cluster.servers().values().stream().filter(OrcProcess::alive)
                .filter(p -> p.output().contains(identity + " became the leader")).findFirst()
                .orElseThrow(() -> new AssertionError("no live server says it leads as " + identity + "\n" + cluster.processOutput()));
    }

    private static Path configOf() {
        return dir.resolve("config");
    }

    /** A deployment of pods of {@code image} that sleep until SIGTERM, rolling one pod at a time. */
    private static String deployment(String name, int replicas, String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                  namespace: ha
                spec:
                  replicas: %d
                  selector:
                    matchLabels:
                      app: %s
                  strategy:
                    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
                  template:
                    metadata:
                      labels:
                        app: %s
                    spec:
                      terminationGracePeriodSeconds: 2
                      containers:
                        - name: app
                          image: %s
                          command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
                """.formatted(name, replicas, name, name, image);
    }
}
