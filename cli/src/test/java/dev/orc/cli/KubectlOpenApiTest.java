package dev.orc.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real kubectl (when it is on the PATH) against a real orc API server over TLS: {@code explain} reads orc's
 * OpenAPI v3 documents, and {@code apply} of the bundled examples is still accepted while a bad manifest still
 * gets orc's own error. kubectl's home and cache are in the test's directory, never the user's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlOpenApiTest {
    private static final Path EXAMPLES = Path.of("../examples");

    private Path dir;
    private TestCluster cluster;
    private Kubectl kubectl;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        this.dir = dir;
        cluster = new TestCluster(dir.resolve("cluster"));
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: orc
                  cluster:
                    server: %s
                    certificate-authority: %s
                users:
                - name: admin
                  user:
                    token: %s
                contexts:
                - name: orc
                  context:
                    cluster: orc
                    user: admin
                    namespace: default
                current-context: orc
                """.formatted(cluster.url(), cluster.caFile(), TestCluster.TOKEN));
        Optional<Kubectl> found = Kubectl.onPath(kubeconfig, dir);
        assumeTrue(found.isPresent(), "kubectl is not on the PATH");
        kubectl = found.get();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Kubectl.Result kubectl(String... args) {
        return kubectl.run(args);
    }

    @Test
    void explainPrintsAFieldsTypeAndDescription() {
        Kubectl.Result result = kubectl("explain", "deployment.spec.strategy");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("KIND:       Deployment", "FIELD: strategy <DeploymentStrategy>",
                "How new pods replace old ones.", "rollingUpdate\t<RollingUpdateDeployment>");
        assertThat(kubectl("explain", "deploy.spec.strategy.rollingUpdate").out()).contains("maxSurge\t<IntOrString>",
                "How many pods may exist above the desired replicas");
    }

    @Test
    void explainThroughOpenApiV2PrintsTheFieldsAndTheirDescriptions() {
        Kubectl.Result result = kubectl("explain", "--output=plaintext-openapiv2", "deployment.spec");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Deployment", "replicas\t<integer>", "How many pods to run.",
                "strategy\t<Object>", "template\t<Object> -required-");
    }

    @Test
    void explainRecursivelyListsEveryFieldOfPods() {
        Kubectl.Result result = kubectl("explain", "pods", "--recursive");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("KIND:       Pod", "containers\t<[]Container> -required-", "livenessProbe\t<Probe>",
                "resources\t<ResourceRequirements>", "limits\t<map[string]Quantity>");
    }

    @Test
    void explainNamesAnUnknownField() {
        Kubectl.Result result = kubectl("explain", "deployment.spec.surge");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("surge");
    }

    @Test
    void applyOfEveryExampleIsAcceptedTwice() {
        Kubectl.Result first = kubectl("apply", "-f", EXAMPLES.toString());
        Kubectl.Result second = kubectl("apply", "-f", EXAMPLES.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(first.err() + second.err()).doesNotContain("openapi");
        assertThat(second.out()).contains("deployment.apps/web unchanged");
    }

    @Test
    void anInvalidManifestGetsOrcsOwnError() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: bad
                spec:
                  replica: 2
                  selector:
                    matchLabels: {app: bad}
                  template:
                    metadata:
                      labels: {app: bad}
                    spec:
                      containers:
                      - name: app
                        image: orc/busybox:1
                """);

        Kubectl.Result result = kubectl("apply", "-f", bad.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("unknown field \"replica\"");
    }
}
