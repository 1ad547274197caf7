package dev.orc.cli.e2e;

import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service accounts end to end (#17 item 3): an {@code orc server} listening on Docker's bridge gateway, so that pods
 * reach it through the {@code kubernetes} Service, and a node; a pod running the fabric8 client on a JVM
 * ({@link JavaImage}), configured only by what the node mounted and set ({@code Config.autoConfigure}), lists the pods
 * of its namespace as its service account, which a RoleBinding grants {@code view}, over TLS verified with the mounted
 * {@code ca.crt}, and is refused (403) creating a pod and listing Secrets; a pod that mounts no token has no files.
 */
class ServiceAccountsE2E {
    private static final Duration SETTLE = Duration.ofSeconds(180);
    private static final String NS = "insiders";

    @TempDir
    static Path dir;
    private static E2ECluster cluster;
    private static String image;

    @BeforeAll
    static void start() {
        DockerHost.require();
        image = JavaImage.ensure();
        String gateway = DockerHost.bridgeGateway();
        cluster = E2ECluster.serverOn(dir, "ServiceAccountsE2E", gateway);
        cluster.startNodeAt("n1", gateway);
        cluster.apply("insiders", Manifests.namespace(NS) + """
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: reader, namespace: insiders}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: reader-views, namespace: insiders}
                subjects: [{kind: ServiceAccount, name: reader, namespace: insiders}]
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: client, namespace: insiders}
                spec:
                  serviceAccountName: reader
                  restartPolicy: Never
                  containers:
                    - name: client
                      image: %s
                      command: [%s, -cp, "%s", dev.orc.cli.e2e.incluster.InClusterClient]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: quiet, namespace: insiders}
                spec:
                  serviceAccountName: reader
                  automountServiceAccountToken: false
                  restartPolicy: Never
                  containers:
                    - name: look
                      image: orc/busybox:1
                      command: [sh, -c, "ls /var/run/secrets/kubernetes.io/serviceaccount/token || echo no token"]
                """.formatted(image, JavaImage.JAVA, JavaImage.CLASS_PATH)).succeeded();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aPodsFabric8ClientActsAsItsServiceAccountAndIsRefusedWhatItsRoleLacks() {
        awaitSucceeded("client");

        String log = cluster.orc("logs", "client", "-n", NS).succeeded().out();

        assertThat(log).contains("server https://10.96.0.1:443/ namespace insiders", "list pods: ok 2 pods",
                "create pod: refused 403", "list secrets: refused 403");
        assertThat(cluster.client().find(ResourceTypes.POD, NS, "made-in-cluster")).isEmpty();
    }

    @Test
    void aPodThatMountsNoTokenHasNone() {
        awaitSucceeded("quiet");

        assertThat(cluster.orc("logs", "quiet", "-n", NS).succeeded().out()).contains("no token");
    }

    private static void awaitSucceeded(String pod) {
        cluster.await("pod " + pod + " Succeeded", SETTLE, () -> assertThat(cluster.client()
                .get(ResourceTypes.POD, NS, pod).path("status").path("phase").asText())
                .as(cluster.client().get(ResourceTypes.POD, NS, pod).toPrettyString()).isEqualTo("Succeeded"));
    }
}
