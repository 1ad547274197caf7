package dev.orc.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.store.etcd.LocalEtcd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * gRPC and HTTPS probes end to end, as in the Kubernetes docs' example of a gRPC liveness probe: pods run the host's
 * etcd (mounted from the host into the {@link JavaImage}, which carries the C library it links), whose client port
 * serves grpc.health.v1 over HTTP/2 cleartext, or HTTPS with a self-signed certificate ({@code --auto-tls}). The node
 * agent probes them on their pod IPs (the namespace is privileged for the hostPath): SERVING and a 200 over unverified TLS make pods Ready, an unknown gRPC service
 * keeps one unready with an {@code Unhealthy} event quoting the NOT_FOUND status.
 */
class ProbesE2E {
    private static final Duration SETTLE = Duration.ofSeconds(180);
    private static final String NS = "probes";

    @TempDir
    static Path dir;
    private static E2ECluster cluster;

    @BeforeAll
    static void start() {
        DockerHost.require();
        Path etcd = LocalEtcd.findBinary();
        assumeTrue(etcd != null, "etcd is not installed");
        String image = JavaImage.ensure();
        cluster = E2ECluster.server(dir, "ProbesE2E");
        cluster.startNode("n1");
        cluster.apply("probes", """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: probes
                  labels: {pod-security.kubernetes.io/enforce: privileged}
                """
                + etcdPod("grpc-serving", image, etcd, "http", "{grpc: {port: 2379}, periodSeconds: 2}")
                + etcdPod("grpc-unknown", image, etcd, "http",
                "{grpc: {port: 2379, service: no.such.Service}, periodSeconds: 2}")
                + etcdPod("https-health", image, etcd, "https",
                "{httpGet: {scheme: HTTPS, path: /health, port: 2379}, periodSeconds: 2}")).succeeded();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String etcdPod(String name, String image, Path etcd, String scheme, String probe) {
        return """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: %1$s, namespace: probes}
                spec:
                  containers:
                    - name: etcd
                      image: %2$s
                      command: [/opt/etcd/etcd, --name=%1$s, --data-dir=/var/etcd/data, --auto-tls,
                                "--listen-client-urls=%3$s://0.0.0.0:2379", "--advertise-client-urls=%3$s://127.0.0.1:2379",
                                "--listen-peer-urls=http://127.0.0.1:2380", "--initial-advertise-peer-urls=http://127.0.0.1:2380",
                                "--initial-cluster=%1$s=http://127.0.0.1:2380"]
                      volumeMounts: [{name: etcd, mountPath: /opt/etcd/etcd}, {name: data, mountPath: /var/etcd}]
                      readinessProbe: %4$s
                      livenessProbe: %4$s
                  volumes: [{name: etcd, hostPath: {path: %5$s, type: File}}, {name: data, emptyDir: {}}]
                """.formatted(name, image, scheme, probe, etcd);
    }

    @Test
    void aGrpcProbeOfAServingServerMakesThePodReadyAndKeepsItRunning() {
        awaitReady("grpc-serving");

        assertThat(pod("grpc-serving").path("status").path("containerStatuses").get(0).path("restartCount").asInt())
                .isZero();
    }

    @Test
    void anHttpsProbeAcceptsTheSelfSignedCertificate() {
        awaitReady("https-health");
    }

    @Test
    void aGrpcProbeOfAnUnknownServiceFailsQuotingNotFound() {
        cluster.await("an Unhealthy event of grpc-unknown", SETTLE, () -> assertThat(
                cluster.orc("events", "-n", NS).succeeded().out()).contains(
                "Readiness probe failed: error: health rpc probe failed: rpc error: code = NotFound"));

        assertThat(ready(pod("grpc-unknown"))).isFalse();
    }

    private static void awaitReady(String name) {
        cluster.await("pod " + name + " Ready", SETTLE, () -> {
            JsonNode pod = pod(name);
            assertThat(ready(pod)).as(pod.toPrettyString()).isTrue();
        });
    }

    private static JsonNode pod(String name) {
        return cluster.client().get(ResourceTypes.POD, NS, name);
    }

    private static boolean ready(JsonNode pod) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                return condition.path("status").asText().equals("True");
            }
        }
        return false;
    }
}
