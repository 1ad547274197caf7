package dev.orc.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code orc explain} against a real API server: the server's OpenAPI v3 documents printed as kubectl prints them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplainCommandTest {
    private TestCluster cluster;

    @BeforeAll
    void start(@TempDir Path dir) {
        cluster = new TestCluster(dir);
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    @Test
    void aFieldPathPrintsTheFieldItsDescriptionAndItsFields() {
        CommandRun run = cluster.orc("explain", "deployment.spec.strategy");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\n"
                + "FIELD: strategy <DeploymentStrategy>\n\nDESCRIPTION:\n    How new pods replace old ones.\n");
        assertThat(run.out()).contains("FIELDS:\n").contains("  rollingUpdate\t<RollingUpdateDeployment>\n");
    }

    @Test
    void aShortNameExplainsTheKind() {
        CommandRun run = cluster.orc("explain", "svc");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("KIND:       Service\nVERSION:    v1\n").contains("  spec\t<ServiceSpec>");
    }

    @Test
    void recursivePrintsEveryFieldBelow() {
        CommandRun run = cluster.orc("explain", "pods", "--recursive");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("    containers\t<[]Container> -required-\n      name\t<string> -required-\n");
        assertThat(run.out()).contains("        limits\t<map[string]Quantity>\n").doesNotContain("The containers of the pod");
        assertThat(cluster.orc("explain", "deploy", "--recursive").out()).contains("        maxSurge\t<IntOrString>\n");
    }

    @Test
    void anUnknownFieldIsAnErrorNamingItsPath() {
        CommandRun run = cluster.orc("explain", "deployment.spec.strategy.surge");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).isEqualTo("error: field \"spec.strategy.surge\" does not exist in Deployment (apps/v1)");
    }

    @Test
    void anUnknownTypeIsAUsageError() {
        CommandRun run = cluster.orc("explain", "widgets.spec");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown resource type \"widgets\"");
    }

    @Test
    void anEmptyNameInThePathIsAUsageError() {
        CommandRun run = cluster.orc("explain", "deployment..spec");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("\"deployment..spec\" is not TYPE or TYPE.FIELD.PATH");
    }
}
