package dev.orc.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22: a cluster at rest writes nothing. With one object of every kind orc supports applied and settled (pods
 * Running, CrashLoopBackOff, ImagePullBackOff and Completed among them), the store may change over 30 seconds only
 * through the nodes' heartbeats (their Leases, and a status refresh a minute), the leader's Lease and the back-offs
 * of the two failing pods: nothing else is written.
 */
class SteadyStateE2E {
    private static final Duration SETTLE = Duration.ofSeconds(150);
    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final String NAMESPACE = "at-rest";
    /** The pods whose status and events their back-off keeps changing, as a kubelet's would. */
    private static final Set<String> FAILING_PODS = Set.of("crashing", "unpullable");
    /**
     * What the failing pods may write in the window: a restart of the crashing pod (back-off 10 s, 20 s, 40 s) or
     * a pull retry of the other writes its status a few times and bumps an event's count.
     */
    private static final int FAILING_POD_WRITES = 40;
    /** A node renews its Lease at every heartbeat and rewrites its unchanged status once a minute. */
    private static final int STATUS_REFRESHES = 1;
    /** The leader refreshes the renewTime of its kube-system Lease every 10 s. */
    private static final int LEADER_LEASE_WRITES = 4;

    @TempDir
    Path dir;

    @Test
    void orcUpAtRestWritesOnlyItsHeartbeats() throws Exception {
        DockerHost.require();
        try (E2ECluster cluster = E2ECluster.up(dir, "SteadyStateE2E-up", "--no-git")) {
            settleThenMeasure(cluster, 1, Duration.ofSeconds(3));
        }
    }

    @Test
    void aServerWithTwoNodesAtRestWritesOnlyTheirHeartbeats() throws Exception {
        DockerHost.require();
        try (E2ECluster cluster = E2ECluster.server(dir, "SteadyStateE2E-server")) {
            cluster.startNode("n1");
            cluster.startNode("n2");
            settleThenMeasure(cluster, 2, Duration.ofSeconds(1));
        }
    }

    private void settleThenMeasure(E2ECluster cluster, int nodes, Duration heartbeat) throws Exception {
        cluster.orc("apply", "-f", Path.of("src/test/resources/e2e/at-rest").toAbsolutePath().toString()).succeeded();
        cluster.apply("gitsource", gitSource(gitRepository()));
        cluster.await("every object of the at-rest namespace in its settled state", SETTLE, () -> assertSettled(cluster, nodes));

        Snapshot before = Snapshot.of(cluster);
        Thread.sleep(WINDOW.toMillis());
        Snapshot after = Snapshot.of(cluster);

        Map<String, Long> changed = after.changedSince(before);
        System.out.printf("%d store writes in %s with %d node(s) at rest; changed: %s%n",
                after.revision() - before.revision(), WINDOW, nodes, changed);
        assertThat(changed.keySet()).as("objects written while the cluster was at rest")
                .allMatch(SteadyStateE2E::expectedToChange);
        long heartbeats = nodes * (WINDOW.toSeconds() / heartbeat.toSeconds() + 1 + STATUS_REFRESHES) + LEADER_LEASE_WRITES;
        assertThat(after.revision() - before.revision()).as("store writes in %s, changed: %s", WINDOW, changed)
                .isLessThanOrEqualTo(heartbeats + FAILING_POD_WRITES);
    }

    private static boolean expectedToChange(String key) {
        if (key.startsWith("nodes//") || key.startsWith("leases/kube-node-lease/")
                || key.equals("leases/kube-system/orc-controller-manager")) {
            return true;
        }
        for (String pod : FAILING_PODS) {
            if (key.equals("pods/" + NAMESPACE + "/" + pod) || key.startsWith("events/" + NAMESPACE + "/" + pod + ".")) {
                return true;
            }
        }
        return false;
    }

    private static void assertSettled(E2ECluster cluster, int nodes) {
        JsonNode deployment = cluster.client().get(ResourceTypes.DEPLOYMENT, NAMESPACE, "web");
        assertThat(deployment.at("/status/availableReplicas").asInt()).isEqualTo(2);
        assertThat(cluster.client().get(ResourceTypes.REPLICA_SET, NAMESPACE, "worker").at("/status/readyReplicas").asInt())
                .isEqualTo(1);
        JsonNode daemonSet = cluster.client().get(ResourceTypes.DAEMON_SET, NAMESPACE, "agent");
        assertThat(daemonSet.at("/status/numberAvailable").asInt()).isEqualTo(nodes);
        assertThat(cluster.client().get(ResourceTypes.JOB, NAMESPACE, "once").at("/status/succeeded").asInt()).isEqualTo(1);
        assertThat(waitingReason(cluster, "crashing")).isEqualTo("CrashLoopBackOff");
        assertThat(waitingReason(cluster, "unpullable")).isIn("ImagePullBackOff", "ErrImagePull");
        assertThat(cluster.client().get(ResourceTypes.POD, NAMESPACE, "running").at("/status/phase").asText())
                .isEqualTo("Running");
        assertThat(cluster.client().get(ResourceTypes.SERVICE, NAMESPACE, "web-lb").at("/status/loadBalancer/ingress"))
                .isNotEmpty();
        assertThat(cluster.client().get(ResourceTypes.ENDPOINTS, NAMESPACE, "web").path("subsets").findValues("targetRef"))
                .hasSize(2);
        JsonNode source = cluster.client().get(ResourceTypes.GIT_SOURCE, NAMESPACE, "settings");
        assertThat(source.at("/status/sync").asText()).isEqualTo("Synced");
        assertThat(cluster.client().get(ResourceTypes.CONFIG_MAP, NAMESPACE, "from-git").at("/data/source").asText())
                .isEqualTo("git");
    }

    private static String waitingReason(E2ECluster cluster, String pod) {
        return cluster.client().get(ResourceTypes.POD, NAMESPACE, pod).at("/status/containerStatuses/0/state/waiting/reason")
                .asText();
    }

    /** A repository with one ConfigMap, for a GitSource that polls it every few seconds. */
    private String gitRepository() throws Exception {
        Path repo = dir.resolve("git");
        Files.createDirectories(repo.resolve("manifests"));
        Files.writeString(repo.resolve("manifests/config.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: from-git
                  namespace: at-rest
                data:
                  source: git
                """);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            PersonIdent author = new PersonIdent("orc e2e", "e2e@orc.invalid");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("one ConfigMap").setAuthor(author).setCommitter(author).call();
        }
        return repo.toUri().toString();
    }

    private static String gitSource(String url) {
        return """
                apiVersion: orc.dev/v1
                kind: GitSource
                metadata:
                  name: settings
                  namespace: at-rest
                spec:
                  url: %s
                  ref: {branch: main}
                  path: manifests
                  interval: 5s
                """.formatted(url);
    }

    /** Every object of every kind with its resourceVersion, and the store's revision when they were listed. */
    private record Snapshot(long revision, Map<String, Long> versions) {
        static Snapshot of(E2ECluster cluster) {
            Map<String, Long> versions = new LinkedHashMap<>();
            long revision = 0;
            for (ResourceType type : ResourceTypes.all()) {
                JsonNode list;
                try {
                    list = cluster.client().listAll(type, null, ListOptions.all());
                } catch (ApiException e) {
                    continue;
                }
                revision = Math.max(revision, list.at("/metadata/resourceVersion").asLong());
                for (JsonNode item : list.path("items")) {
                    JsonNode meta = item.path("metadata");
                    versions.put(type.plural() + "/" + meta.path("namespace").asText("") + "/" + meta.path("name").asText(),
                            meta.path("resourceVersion").asLong());
                }
            }
            return new Snapshot(revision, versions);
        }

        /** The objects added or written since {@code earlier}, with their new resourceVersions. */
        Map<String, Long> changedSince(Snapshot earlier) {
            Map<String, Long> changed = new LinkedHashMap<>();
            versions.forEach((key, version) -> {
                if (!version.equals(earlier.versions.get(key))) {
                    changed.put(key, version);
                }
            });
            List.copyOf(earlier.versions.keySet()).stream().filter(key -> !versions.containsKey(key))
                    .forEach(key -> changed.put(key, -1L));
            return changed;
        }
    }
}
