package dev.orc.cli;

import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ServerSideApplyCommandTest {
    @TempDir
    Path dir;
    TestCluster cluster;

    @BeforeEach
    void start() {
        cluster = new TestCluster(dir);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void applyServerSideRecordsTheManagerAndRefusesAnotherManagersFieldUnlessForced() {
        CommandRun created = cluster.orcWithInput(ApplyCommandTest.WEB, "apply", "--server-side", "-f", "-");
        assertThat(created.out()).as(created.err()).isEqualTo("deployment.apps/web serverside-applied\n");
        assertThat(cluster.client().get(ResourceTypes.DEPLOYMENT, "default", "web").at("/metadata/managedFields/0/manager")
                .asText()).isEqualTo("orc");
        assertThat(cluster.orcWithInput(ApplyCommandTest.WEB, "apply", "--server-side", "-f", "-").out())
                .isEqualTo("deployment.apps/web unchanged\n");

        String scaled = ApplyCommandTest.WEB.replace("replicas: 2", "replicas: 4");
        CommandRun refused = cluster.orcWithInput(scaled, "apply", "--server-side", "--field-manager", "ci", "-f", "-");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("deployment.apps/web: Apply failed with 1 conflict: conflict with \"orc\": .spec.replicas");

        CommandRun forced = cluster.orcWithInput(scaled, "apply", "--server-side", "--field-manager", "ci",
                "--force-conflicts", "-f", "-");
        assertThat(forced.out()).as(forced.err()).isEqualTo("deployment.apps/web serverside-applied\n");
        assertThat(cluster.client().get(ResourceTypes.DEPLOYMENT, "default", "web").at("/spec/replicas").asInt()).isEqualTo(4);
    }

    @Test
    void theServerSideOptionsNeedServerSide() {
        CommandRun run = cluster.orcWithInput(ApplyCommandTest.WEB, "apply", "--force-conflicts", "-f", "-");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--force-conflicts and --field-manager need --server-side");
    }
}
