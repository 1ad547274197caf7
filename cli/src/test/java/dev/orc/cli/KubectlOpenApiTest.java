package dev.orc.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
    private static final long TIMEOUT_SECONDS = 60;

    private Path dir;
    private TestCluster cluster;
    private Path kubectl;
    private Path kubeconfig;

    private record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        this.dir = dir;
        Optional<Path> found = onPath("kubectl");
        assumeTrue(found.isPresent(), "kubectl is not on the PATH");
        kubectl = found.get();
        cluster = new TestCluster(dir.resolve("cluster"));
        kubeconfig = dir.resolve("kubeconfig");
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
        Files.createDirectories(dir.resolve("home"));
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Optional<Path> onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(entry -> Path.of(entry, program)).filter(Files::isExecutable).findFirst();
    }

    private Result kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", dir.resolve("cache").toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(dir, "out", ".txt");
            Path err = Files.createTempFile(dir, "err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("HOME", dir.resolve("home").toString());
            builder.environment().remove("KUBECONFIG");
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not end in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void explainPrintsAFieldsTypeAndDescription() {
        Result result = kubectl("explain", "deployment.spec.strategy");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("KIND:       Deployment", "FIELD: strategy <DeploymentStrategy>",
                "How new pods replace old ones.", "rollingUpdate\t<RollingUpdateDeployment>");
        assertThat(kubectl("explain", "deploy.spec.strategy.rollingUpdate").out()).contains("maxSurge\t<IntOrString>",
                "How many pods may exist above the desired replicas");
    }

    @Test
    void explainRecursivelyListsEveryFieldOfPods() {
        Result result = kubectl("explain", "pods", "--recursive");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("KIND:       Pod", "containers\t<[]Container> -required-", "livenessProbe\t<Probe>",
                "resources\t<ResourceRequirements>", "limits\t<map[string]Quantity>");
    }

    @Test
    void explainNamesAnUnknownField() {
        Result result = kubectl("explain", "deployment.spec.surge");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("surge");
    }

    @Test
    void applyOfEveryExampleIsAcceptedTwice() {
        Result first = kubectl("apply", "-f", EXAMPLES.toString());
        Result second = kubectl("apply", "-f", EXAMPLES.toString());

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

        Result result = kubectl("apply", "-f", bad.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("unknown field \"replica\"");
    }
}
