package dev.orc.cli.e2e;

import dev.orc.cli.Kubectl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real {@code orc server} process explained by the real kubectl (when it is on the PATH) through the client
 * config {@code orc} itself uses, a kubeconfig, and by {@code orc explain} run as a process: both print a field's
 * type and description from the server's OpenAPI v3 documents.
 */
class ExplainE2E {
    private static final String FIELD = "deployment.spec.strategy";

    @TempDir
    static Path dir;
    private static E2ECluster cluster;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        cluster = E2ECluster.server(dir, "ExplainE2E");
        kubectl = Kubectl.onPath(Path.of(cluster.env().get("ORC_CONFIG")), dir).orElse(null);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void kubectlExplainPrintsAFieldsDescriptionFromOrcServer() {
        assumeTrue(kubectl != null, "kubectl is not on the PATH");

        Kubectl.Result result = kubectl.run("explain", FIELD);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("FIELD: strategy <DeploymentStrategy>", "How new pods replace old ones.");
    }

    @Test
    void orcExplainPrintsTheSameFieldAndNamesAnUnknownOne() {
        assertThat(cluster.orc("explain", FIELD).succeeded().out())
                .contains("FIELD: strategy <DeploymentStrategy>", "How new pods replace old ones.");

        CommandResult unknown = cluster.orc("explain", FIELD + ".surge");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("field \"spec.strategy.surge\" does not exist in Deployment (apps/v1)");
    }
}
