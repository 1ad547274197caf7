package dev.orc.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.node.net.UncheckedTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issues 6 and 7 end to end: one {@code orc server} and two {@code orc node} processes on the real Docker engine.
 * The tests share the cluster, each in its own namespace; the last one kills a node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterE2E {
    private static final Duration SETTLE = Duration.ofSeconds(120);

    @TempDir
    static Path dir;
    private static E2ECluster cluster;
    private static String node1;
    private static String node2;

    @BeforeAll
    static void start() {
        DockerHost.require();
        cluster = E2ECluster.server(dir, "ClusterE2E", "--node-grace-period", "6s", "--node-eviction-timeout", "2s");
        node1 = cluster.startNode("n1");
        node2 = cluster.startNode("n2");
        cluster.apply("cron", Manifests.namespace("cron") + cronJob("tick", "Allow", "echo tick") + "---\n"
                + cronJob("long", "Forbid", "sleep 90"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void podsOfAFourReplicaDeploymentRunOnBothNodesAndTheirOutputCanBeRead() throws Exception {
        cluster.apply("spread", Manifests.namespace("spread") + deployment("spread", "hello", 4, "orc/busybox:1",
                "echo hello from orc e2e; " + SLEEP_UNTIL_TERM));

        cluster.await("4 hello pods serving on both nodes", SETTLE, () -> {
            List<PodView> pods = cluster.pods("spread", "app=hello");
            assertThat(pods).hasSize(4).allMatch(PodView::serving);
            assertThat(pods.stream().map(PodView::node).collect(Collectors.toSet())).containsExactlyInAnyOrder(node1, node2);
        });

        String wide = cluster.orc("get", "pods", "-n", "spread", "-o", "wide").succeeded().out();
        assertThat(wide).contains("Running", node1, node2);

        PodView pod = cluster.pods("spread", "app=hello").getFirst();
        CommandResult logs = cluster.orc("logs", pod.name(), "-n", "spread");
        if (!logs.err().contains("Unmatched argument")) {
            assertThat(logs.succeeded().out()).contains("hello from orc e2e");
        }
        int logPort = cluster.client().get(ResourceTypes.NODE, null, pod.node())
                .path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt();
        HttpResponse<String> fromNode = UncheckedTls.client().send(HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + logPort + "/containerLogs/spread/" + pod.name() + "/app"))
                .header("Authorization", "Bearer " + cluster.token()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fromNode.statusCode()).as("the node takes no user's token, the admin's neither: %s", fromNode.body())
                .isEqualTo(401);
    }

    @Test
    @Order(2)
    void aNewImageRollsOutWithoutAFailedRequestAndUndoReturnsToTheOldImage() throws Exception {
        cluster.apply("roll-v1", Manifests.namespace("roll") + web("orc/web:1"));
        awaitWebPods("orc/web:1");

        try (WebPoller poller = WebPoller.start(() -> cluster.pods("roll", "app=web"))) {
            cluster.await("the poller answered by version 1", SETTLE, () -> assertThat(poller.lastVersion()).isEqualTo("1"));

            assertThat(cluster.apply("roll-v2", web("orc/web:2")).out()).contains("deployment.apps/web configured");
            awaitWebPods("orc/web:2");
            cluster.await("the poller answered by version 2", SETTLE, () -> assertThat(poller.lastVersion()).isEqualTo("2"));

            undo("roll", "web");
            awaitWebPods("orc/web:1");
            cluster.await("the poller answered by version 1 again", SETTLE, () -> assertThat(poller.lastVersion()).isEqualTo("1"));
            poller.close();

            assertThat(poller.failures()).as("failed requests; answers %s", poller.answers()).isEmpty();
            assertThat(poller.answers()).containsKeys("1", "2");
        }
        List<JsonNode> replicaSets = items(cluster.client().list(ResourceTypes.REPLICA_SET, "roll", ListOptions.labelSelector("app=web")));
        assertThat(replicaSets).hasSize(2);
        assertThat(replicaSets).filteredOn(rs -> image(rs.path("spec").path("template")).equals("orc/web:1"))
                .singleElement().extracting(ClusterE2E::revision).isEqualTo("3");
    }

    /**
     * minReadySeconds keeps a crashing pod from counting as available in the instant its container runs before it
     * exits (without a readiness probe a running container is ready, in Kubernetes too), which would let the rollout
     * replace an old pod.
     */
    @Test
    @Order(3)
    void aRolloutToACrashingContainerStallsWithProgressDeadlineExceeded() {
        cluster.apply("stall-v1", Manifests.namespace("stall") + deployment("stall", "app", 2, "orc/busybox:1", SLEEP_UNTIL_TERM)
                .replace("  replicas: 2\n", "  replicas: 2\n  progressDeadlineSeconds: 10\n  minReadySeconds: 3\n"));
        cluster.await("2 app pods serving", SETTLE, () ->
                assertThat(cluster.pods("stall", "app=app")).hasSize(2).allMatch(PodView::serving));

        cluster.apply("stall-v2", deployment("stall", "app", 2, "orc/busybox:1", "echo crashing; exit 1")
                .replace("  replicas: 2\n", "  replicas: 2\n  progressDeadlineSeconds: 10\n  minReadySeconds: 10\n"));

        cluster.await("Progressing=False ProgressDeadlineExceeded", SETTLE, () -> {
            JsonNode progressing = condition(cluster.client().get(ResourceTypes.DEPLOYMENT, "stall", "app"), "Progressing");
            assertThat(progressing.path("status").asText()).isEqualTo("False");
            assertThat(progressing.path("reason").asText()).isEqualTo("ProgressDeadlineExceeded");
        });
        assertThat(cluster.pods("stall", "app=app")).filteredOn(PodView::serving).hasSize(2);
    }

    @Test
    @Order(4)
    void aJobOfThreeCompletionsTwoAtATimeCompletes() {
        cluster.apply("batch", Manifests.namespace("batch") + """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: count
                  namespace: batch
                spec:
                  completions: 3
                  parallelism: 2
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                        - name: count
                          image: orc/busybox:1
                          command: ["sh", "-c", "echo done"]
                """);

        AtomicInteger mostActive = new AtomicInteger();
        cluster.await("job count Complete", SETTLE, () -> {
            long active = cluster.pods("batch", "job-name=count").stream()
                    .filter(p -> !p.phase().equals("Succeeded") && !p.phase().equals("Failed") && !p.terminating()).count();
            mostActive.accumulateAndGet((int) active, Math::max);
            JsonNode job = cluster.client().get(ResourceTypes.JOB, "batch", "count");
            assertThat(condition(job, "Complete").path("status").asText()).isEqualTo("True");
            assertThat(job.path("status").path("succeeded").asInt()).isEqualTo(3);
        });
        assertThat(mostActive.get()).as("most pods seen active at once").isLessThanOrEqualTo(2);
    }

    @Test
    @Order(5)
    void aDaemonSetRunsOnePodOnEachNode() {
        cluster.apply("daemons", Manifests.namespace("daemons") + """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: agent
                  namespace: daemons
                spec:
                  selector:
                    matchLabels:
                      app: agent
                  template:
                    metadata:
                      labels:
                        app: agent
                    spec:
                      containers:
                        - name: app
                          image: orc/busybox:1
                          command: ["sh", "-c", "%s"]
                """.formatted(SLEEP_UNTIL_TERM));

        cluster.await("one agent pod serving on each node", SETTLE, () -> {
            List<PodView> pods = cluster.pods("daemons", "app=agent");
            assertThat(pods).allMatch(PodView::serving);
            assertThat(pods).extracting(PodView::node).containsExactlyInAnyOrder(node1, node2);
        });
    }

    /**
     * Applied before the first test, so that the minutes these need pass while the others run: {@code tick} runs a
     * short Job every minute; {@code long}'s Job outlives the minute and its concurrencyPolicy is Forbid.
     */
    @Test
    @Order(6)
    void aOneMinuteCronJobRunsJobsToCompletionAndForbidSkipsARunWhileOneIsActive() {
        cluster.await("two scheduled jobs of tick, the first Complete", Duration.ofMinutes(3), () -> {
            List<JsonNode> jobs = jobsOf("tick");
            assertThat(jobs).hasSizeGreaterThanOrEqualTo(2);
            assertThat(condition(jobs.getFirst(), "Complete").path("status").asText()).isEqualTo("True");
        });
        cluster.await("long's Forbid note", SETTLE, () -> assertThat(eventReasons("cron", "CronJob", "long"))
                .contains("JobAlreadyActive"));

        List<JsonNode> longJobs = jobsOf("long");
        assertThat(longJobs).isNotEmpty();
        for (int i = 1; i < longJobs.size(); i++) {
            JsonNode previous = longJobs.get(i - 1).path("status");
            assertThat(previous.path("completionTime").asText())
                    .as("long's jobs never run at once under Forbid (a minute skipped while one runs starts only once it"
                            + " ended, as Kubernetes starts it); its jobs' statuses %s, its status %s, its events %s",
                            longJobs.stream().map(job -> job.path("status")).toList(),
                            cluster.client().get(ResourceTypes.CRON_JOB, "cron", "long").path("status"),
                            eventReasons("cron", "CronJob", "long"))
                    .isNotEmpty()
                    .isLessThanOrEqualTo(longJobs.get(i).path("status").path("startTime").asText());
        }
        String table = cluster.orc("get", "cronjobs", "-n", "cron").succeeded().out();
        assertThat(table.lines().findFirst().orElseThrow())
                .containsSubsequence("NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE");
        assertThat(table).containsPattern("long\\s+\\* \\* \\* \\* \\*\\s+<none>\\s+False\\s+[01]\\s+\\d+[smh]");

        cluster.orc("create", "job", "by-hand", "--from=cronjob/tick", "-n", "cron").succeeded();
        cluster.await("job by-hand Complete", SETTLE, () -> assertThat(condition(
                cluster.client().get(ResourceTypes.JOB, "cron", "by-hand"), "Complete").path("status").asText()).isEqualTo("True"));
    }

    @Test
    @Order(7)
    void podsOfAKilledNodeRunAgainOnTheOtherNodeAndTheNodeEventsTellTheTimeline() {
        cluster.apply("failover", Manifests.namespace("failover") + deployment("failover", "app", 4, "orc/busybox:1", SLEEP_UNTIL_TERM));
        cluster.await("4 app pods serving on both nodes", SETTLE, () -> {
            List<PodView> pods = cluster.pods("failover", "app=app");
            assertThat(pods).hasSize(4).allMatch(PodView::serving);
            assertThat(pods.stream().map(PodView::node).collect(Collectors.toSet())).containsExactlyInAnyOrder(node1, node2);
        });

        cluster.killNode(node2);

        cluster.await("4 app pods serving, all on " + node1, SETTLE, () ->
                assertThat(cluster.pods("failover", "app=app")).filteredOn(PodView::serving).hasSize(4)
                        .extracting(PodView::node).containsOnly(node1));
        assertThat(cluster.nodeReady(node2)).isEqualTo("Unknown");
        cluster.await("the node's events", SETTLE, () -> assertThat(eventReasons(null, "Node", node2))
                .contains("NodeNotReady", "TaintManagerEviction"));
    }

    /** Each container sleeps until SIGTERM, then exits at once. */
    private static final String SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    private static final String SLEEP_UNTIL_TERM = "trap 'exit 0' TERM; while true; do sleep 1; done";

    /**
     * busybox httpd on 8080 that keeps serving for two seconds after SIGTERM, as a preStop sleep does in Kubernetes,
     * so that clients following the pods' readiness stop sending to it before it stops answering.
     */
    private static final String HTTPD_DRAINING_ON_TERM =
            "trap 'sleep 2; kill $pid' TERM; httpd -f -p 8080 -h /www & pid=$!; wait $pid; wait $pid";

    private static String web(String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: roll
                spec:
                  replicas: 3
                  selector:
                    matchLabels:
                      app: web
                  strategy:
                    type: RollingUpdate
                    rollingUpdate:
                      maxSurge: 1
                      maxUnavailable: 0
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      containers:
                        - name: web
                          image: %s
                          command: ["sh", "-c", "%s"]
                          ports:
                            - name: http
                              containerPort: 8080
                """.formatted(image, HTTPD_DRAINING_ON_TERM);
    }

    private void awaitWebPods(String image) {
        cluster.await("3 web pods of " + image + " serving and no other", SETTLE, () ->
                assertThat(cluster.pods("roll", "app=web")).hasSize(3).allMatch(PodView::serving)
                        .extracting(PodView::image).containsOnly(image));
    }

    /** What {@code orc rollout undo} does: the deployment gets the template of the ReplicaSet one revision back. */
    private static void undo(String namespace, String name) {
        ObjectNode deployment = cluster.client().get(ResourceTypes.DEPLOYMENT, namespace, name);
        int current = Integer.parseInt(revision(deployment));
        JsonNode previous = items(cluster.client().list(ResourceTypes.REPLICA_SET, namespace, ListOptions.all())).stream()
                .filter(rs -> revision(rs).equals(Integer.toString(current - 1))).findFirst().orElseThrow();
        ObjectNode template = previous.path("spec").path("template").deepCopy();
        ((ObjectNode) template.path("metadata").path("labels")).remove("pod-template-hash");
        ((ObjectNode) deployment.path("spec")).set("template", template);
        cluster.client().update(ResourceTypes.DEPLOYMENT, namespace, deployment, WriteOptions.defaults());
    }

    private static String revision(JsonNode object) {
        return object.path("metadata").path("annotations").path("deployment.kubernetes.io/revision").asText();
    }

    private static String image(JsonNode template) {
        return template.path("spec").path("containers").path(0).path("image").asText();
    }

    private static JsonNode condition(JsonNode object, String type) {
        return items(object.path("status").path("conditions")).stream()
                .filter(c -> type.equals(c.path("type").asText())).findFirst().orElseThrow(
                        () -> new AssertionError("no " + type + " condition in " + object.path("status")));
    }

    /** The Jobs the CronJob {@code name} scheduled, oldest first. */
    private static List<JsonNode> jobsOf(String name) {
        return items(cluster.client().list(ResourceTypes.JOB, "cron", ListOptions.all())).stream()
                .filter(job -> job.path("metadata").path("annotations").has(SCHEDULED_TIMESTAMP))
                .filter(job -> items(job.path("metadata").path("ownerReferences")).stream()
                        .anyMatch(owner -> name.equals(owner.path("name").asText())))
                .sorted(Comparator.comparing(ClusterE2E::scheduledTime)).toList();
    }

    private static Instant scheduledTime(JsonNode job) {
        return Instant.parse(job.path("metadata").path("annotations").path(SCHEDULED_TIMESTAMP).asText());
    }

    private static Set<String> eventReasons(String namespace, String kind, String name) {
        return items(cluster.client().list(ResourceTypes.EVENT, namespace, ListOptions.all())).stream()
                .filter(e -> kind.equals(e.path("involvedObject").path("kind").asText()))
                .filter(e -> name.equals(e.path("involvedObject").path("name").asText()))
                .map(e -> e.path("reason").asText()).collect(Collectors.toSet());
    }

    private static String cronJob(String name, String concurrencyPolicy, String script) {
        return """
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: %s
                  namespace: cron
                spec:
                  schedule: "* * * * *"
                  concurrencyPolicy: %s
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                            - name: run
                              image: orc/busybox:1
                              command: ["sh", "-c", "%s"]
                """.formatted(name, concurrencyPolicy, script);
    }

    private static List<JsonNode> items(JsonNode listOrArray) {
        JsonNode array = listOrArray.has("items") ? listOrArray.path("items") : listOrArray;
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static String deployment(String namespace, String name, int replicas, String image, String script) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  replicas: %d
                  selector:
                    matchLabels:
                      app: %s
                  template:
                    metadata:
                      labels:
                        app: %s
                    spec:
                      containers:
                        - name: app
                          image: %s
                          command: ["sh", "-c", "%s"]
                """.formatted(name, namespace, replicas, name, name, image, script);
    }
}
