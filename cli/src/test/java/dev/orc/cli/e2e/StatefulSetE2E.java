package dev.orc.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19 item 1 end to end: one {@code orc server} and one {@code orc node} (with its cluster DNS on an address of
 * its own, and Docker's bridge gateway as its address so that pods reach each other's published ports through the
 * headless Service's records) on the real Docker engine run a three-replica StatefulSet behind a headless Service. Each pod counts its
 * boots in a file on its claim, and resolves its siblings by their DNS names from inside its container, logging what
 * it resolved.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatefulSetE2E {
    private static final Duration SETTLE = Duration.ofSeconds(180);
    private static final String NS = "sts";

    @TempDir
    static Path dir;
    private static LoopbackResolver resolver;
    private static String dnsIp;
    /** The node's address: Docker's bridge gateway, which pods reach (unlike 127.0.0.1, their own loopback). */
    private static String gateway;
    private static E2ECluster cluster;

    @BeforeAll
    static void start() throws Exception {
        DockerHost.require();
        resolver = LoopbackResolver.start();
        dnsIp = LocalAddresses.random(96);
        cluster = E2ECluster.server(dir, "StatefulSetE2E");
        gateway = DockerHost.bridgeGateway();
        cluster.startNodeAt("n1", gateway, "--dns-address", dnsIp, "--dns-upstream", resolver.address());
        cluster.await("the node's DNS address " + dnsIp + " on a local interface", SETTLE,
                () -> assertThat(LocalAddresses.isLocal(dnsIp)).isTrue());
        cluster.apply("web", MANIFESTS).succeeded();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (dnsIp != null) {
            LocalAddresses.removeLeftovers(List.of(dnsIp));
        }
        if (resolver != null) {
            resolver.close();
        }
    }

    @Test
    @Order(1)
    void threeReplicasStartInOrderEachOnlyOnceThePodBeforeIsReady() {
        cluster.await("web-0, web-1 and web-2 Ready", SETTLE, () -> assertThat(readyPods()).containsExactly(
                "web-0", "web-1", "web-2"));

        for (int ordinal = 1; ordinal < 3; ordinal++) {
            JsonNode before = pod("web-" + (ordinal - 1));
            JsonNode pod = pod("web-" + ordinal);
            assertThat(created(pod)).as("web-%d created once web-%d was Ready", ordinal, ordinal - 1)
                    .isAfterOrEqualTo(readySince(before));
        }
        assertThat(cluster.orc("get", "pvc", "-n", NS).succeeded().out())
                .contains("data-web-0", "data-web-1", "data-web-2").contains("Bound");
        assertThat(cluster.orc("get", "sts", "-n", NS).succeeded().out()).containsPattern("web +3/3 ");
    }

    @Test
    @Order(2)
    void eachPodResolvesTheOthersByTheirDnsNamesFromInsideItsContainer() {
        cluster.await("web-0, web-1 and web-2 Ready", SETTLE, () -> assertThat(readyPods()).hasSize(3));
        for (String pod : List.of("web-0", "web-1", "web-2")) {
            cluster.await(pod + " resolving its siblings", SETTLE, () -> assertThat(
                    cluster.orc("logs", pod, "-n", NS).succeeded().out())
                    .contains("resolved web-0.web." + NS + ".svc.cluster.local",
                            "resolved web-1.web." + NS + ".svc.cluster.local",
                            "resolved web-2.web." + NS + ".svc.cluster.local"));
        }
    }

    @Test
    @Order(3)
    void dataWrittenByWeb1ToItsVolumeIsThereAfterWeb1IsDeletedAndMadeAgain() {
        cluster.await("web-1 Ready", SETTLE, () -> assertThat(readyPods()).contains("web-1"));
        String uid = pod("web-1").at("/metadata/uid").asText();
        assertThat(cluster.orc("logs", "web-1", "-n", NS).succeeded().out()).contains("boots: 1");

        cluster.orc("delete", "pod", "web-1", "-n", NS).succeeded();

        cluster.await("a new web-1 Ready", SETTLE, () -> {
            assertThat(pod("web-1").at("/metadata/uid").asText()).isNotEqualTo(uid);
            assertThat(readyPods()).contains("web-1");
        });
        cluster.await("the new web-1 finding its first boot on its claim", SETTLE, () ->
                assertThat(cluster.orc("logs", "web-1", "-n", NS).succeeded().out()).contains("boots: 2"));
    }

    @Test
    @Order(4)
    void aRollingUpdateWithPartitionTwoChangesOnlyWeb2() {
        cluster.await("web-0, web-1 and web-2 Ready", SETTLE, () -> assertThat(readyPods()).hasSize(3));
        String uid0 = pod("web-0").at("/metadata/uid").asText();
        String uid1 = pod("web-1").at("/metadata/uid").asText();
        String oldRevision = revision("web-0");

        cluster.client().patch(ResourceTypes.STATEFUL_SET, NS, "web", PatchType.MERGE, Json.parse("""
                {"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}},
                 "template":{"metadata":{"annotations":{"release":"2"}}}}}"""), WriteOptions.defaults());

        cluster.await("web-2 at the update revision and Ready", SETTLE, () -> {
            JsonNode status = cluster.client().get(ResourceTypes.STATEFUL_SET, NS, "web").path("status");
            assertThat(status.path("updateRevision").asText()).isNotEqualTo(oldRevision);
            assertThat(revision("web-2")).isEqualTo(status.path("updateRevision").asText());
            assertThat(readyPods()).hasSize(3);
            assertThat(status.path("updatedReplicas").asInt()).isEqualTo(1);
        });
        assertThat(pod("web-2").at("/metadata/annotations/release").asText()).isEqualTo("2");
        assertThat(List.of(revision("web-0"), revision("web-1"))).containsOnly(oldRevision);
        assertThat(List.of(pod("web-0").at("/metadata/uid").asText(), pod("web-1").at("/metadata/uid").asText()))
                .containsExactly(uid0, uid1);
        assertThat(cluster.orc("rollout", "status", "statefulset/web", "-n", NS, "--timeout", "60s").succeeded().out())
                .contains("partitioned roll out complete: 1 new pods have been updated...");
    }

    @Test
    @Order(5)
    void theBundledKeyValueStoreReplicatesAWriteToKv0ToItsFollowersFoundByDns() throws Exception {
        cluster.apply("kv-namespace", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kv\n").succeeded();
        cluster.orc("apply", "-f", OrcJar.repository().resolve("examples/statefulset.yaml").toString(), "-n", "kv")
                .succeeded();
        cluster.await("kv-0, kv-1 and kv-2 Ready", SETTLE, () -> assertThat(cluster.pods("kv", "app=kv"))
                .filteredOn(PodView::serving).hasSize(3));
        PodView leader = member("kv-0");
        assertThat(leader.hostIP()).as("the node's address, local to this machine").isEqualTo(gateway);

        assertThat(ask(leader, "SET colour blue")).isEqualTo("OK");

        for (String follower : List.of("kv-1", "kv-2")) {
            cluster.await(follower + " copying kv-0's data", SETTLE, () ->
                    assertThat(ask(member(follower), "GET colour")).isEqualTo("blue"));
        }
    }

    private static PodView member(String name) {
        return cluster.pods("kv", "app=kv").stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** One line of the store's protocol to a member at its node's published port; its answer. */
    private static String ask(PodView member, String line) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket(member.hostIP(), member.hostPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        }
    }

    private static JsonNode pod(String name) {
        return cluster.client().get(ResourceTypes.POD, NS, name);
    }

    private static String revision(String pod) {
        return pod(pod).at("/metadata/labels/controller-revision-hash").asText();
    }

    private static List<String> readyPods() {
        List<String> ready = new ArrayList<>();
        for (JsonNode pod : cluster.client().list(ResourceTypes.POD, NS, ListOptions.all()).path("items")) {
            boolean isReady = false;
            for (JsonNode condition : pod.at("/status/conditions")) {
                isReady |= condition.path("type").asText().equals("Ready") && condition.path("status").asText().equals("True");
            }
            if (isReady && !pod.at("/metadata/deletionTimestamp").isTextual()) {
                ready.add(pod.at("/metadata/name").asText());
            }
        }
        return ready.stream().sorted().toList();
    }

    private static Instant created(JsonNode pod) {
        return Instant.parse(pod.at("/metadata/creationTimestamp").asText());
    }

    private static Instant readySince(JsonNode pod) {
        for (JsonNode condition : pod.at("/status/conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                return Instant.parse(condition.path("lastTransitionTime").asText());
            }
        }
        throw new AssertionError("no Ready condition on " + pod.at("/metadata/name").asText());
    }

    /**
     * The StatefulSet: each pod appends a line to {@code /data/boots} on its claim and prints the count, becomes
     * Ready two seconds later, serves its claim with httpd, and every two seconds logs which of its siblings' names
     * resolve.
     */
    private static final String MANIFESTS = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: %1$s
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: %1$s
            spec:
              clusterIP: None
              selector:
                app: web
              ports:
                - name: http
                  port: 8080
                  targetPort: 8080
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: web
              namespace: %1$s
            spec:
              replicas: 3
              serviceName: web
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  terminationGracePeriodSeconds: 2
                  containers:
                    - name: web
                      image: orc/busybox:1
                      imagePullPolicy: Never
                      ports:
                        - name: http
                          containerPort: 8080
                      command:
                        - sh
                        - -c
                        - |
                          echo boot >> /data/boots
                          echo "boots: $(wc -l < /data/boots)"
                          (sleep 2; touch /tmp/ready) &
                          (while true; do
                            for i in 0 1 2; do
                              name=web-$i.web.%1$s.svc.cluster.local
                              nslookup "$name" >/dev/null 2>&1 && echo "resolved $name"
                            done
                            sleep 2
                          done) &
                          exec httpd -f -p 8080 -h /data
                      readinessProbe:
                        exec:
                          command: ["cat", "/tmp/ready"]
                        periodSeconds: 1
                      volumeMounts:
                        - name: data
                          mountPath: /data
              volumeClaimTemplates:
                - metadata:
                    name: data
                  spec:
                    accessModes: [ReadWriteOnce]
                    resources:
                      requests:
                        storage: 64Mi
            """.formatted(NS);
}
