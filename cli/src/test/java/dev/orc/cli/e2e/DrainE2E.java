package dev.orc.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19's drain end to end: one {@code orc server} and two {@code orc node} processes on the real Docker engine,
 * a Deployment of 2 replicas and a PodDisruptionBudget of minAvailable 2. Draining a node that holds its pods waits,
 * naming the budget, as Kubernetes does (no pod may go while only 2 are healthy); the user scales the Deployment
 * to 3 while it waits, a replacement becomes Ready on the other node, and the drain completes.
 */
class DrainE2E {
    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final String NS = "drain";
    /** Each container sleeps until SIGTERM, then exits at once. */
    private static final String SLEEP_UNTIL_TERM = "trap 'exit 0' TERM; while true; do sleep 1; done";

    @TempDir
    static Path dir;
    private static E2ECluster cluster;
    private static String node1;
    private static String node2;

    @BeforeAll
    static void start() {
        DockerHost.require();
        cluster = E2ECluster.server(dir, "DrainE2E");
        node1 = cluster.startNode("n1");
        node2 = cluster.startNode("n2");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void drainWaitsNamingTheBudgetUntilAReplacementIsReadyElsewhereThenCompletes() {
        cluster.apply("web", manifests());
        cluster.await("2 web pods serving and the budget counting them", SETTLE, () -> {
            assertThat(cluster.pods(NS, "app=web")).hasSize(2).allMatch(PodView::serving);
            JsonNode status = cluster.client().get(ResourceTypes.POD_DISRUPTION_BUDGET, NS, "web").path("status");
            assertThat(status.path("currentHealthy").asInt()).isEqualTo(2);
            assertThat(status.path("desiredHealthy").asInt()).isEqualTo(2);
            assertThat(status.path("disruptionsAllowed").asInt()).isZero();
        });
        assertThat(cluster.orc("get", "pdb", "-n", NS).succeeded().out())
                .containsPattern("web\\s+2\\s+N/A\\s+0\\s+");
        String drained = cluster.pods(NS, "app=web").getFirst().node();
        String other = drained.equals(node1) ? node2 : node1;

        OrcProcess drain = cluster.startOrc("drain", "drain", drained, "--timeout", "4m");
        drain.awaitLine(Pattern.compile("^error when evicting pods/\"web-[a-z0-9-]+\" -n \"drain\" \\(will retry after "
                + "5s\\): Cannot evict pod as it would violate the pod's disruption budget\\. \\(The disruption budget "
                + "web needs 2 healthy pods and has 2 currently\\)$"), SETTLE);
        assertThat(cluster.pods(NS, "app=web")).hasSize(2).allMatch(PodView::serving);

        cluster.orc("scale", "deployment/web", "--replicas", "3", "-n", NS).succeeded();

        drain.awaitLine(Pattern.compile("^node/" + Pattern.quote(drained) + " drained$"), SETTLE);
        assertThat(drain.exitCode(Duration.ofSeconds(30))).isZero();
        assertThat(drain.output()).contains("node/" + drained + " cordoned", "evicting pod drain/web-")
                .containsPattern("pod/web-[a-z0-9-]+ evicted");
        cluster.await("3 web pods serving, all on " + other, SETTLE, () -> {
            List<PodView> serving = cluster.pods(NS, "app=web").stream().filter(PodView::serving).toList();
            assertThat(serving).hasSize(3).extracting(PodView::node).containsOnly(other);
        });
        assertThat(cluster.client().get(ResourceTypes.NODE, null, drained).at("/spec/unschedulable").asBoolean())
                .isTrue();
    }

    private static String manifests() {
        return """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: drain
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: drain
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      containers:
                        - name: app
                          image: orc/busybox:1
                          command: ["sh", "-c", "%s"]
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: web
                  namespace: drain
                spec:
                  minAvailable: 2
                  selector:
                    matchLabels:
                      app: web
                """.formatted(SLEEP_UNTIL_TERM);
    }
}
