package dev.orc.cli.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 5 end to end: {@code orc up}, {@code orc apply}, {@code orc get all}, and a restart that keeps the state. */
class UpE2E {
    @TempDir
    static Path dir;
    private static E2ECluster cluster;

    @BeforeAll
    static void up() {
        DockerHost.require();
        cluster = E2ECluster.up(dir, "UpE2E", "--no-git");
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void appliedObjectsAreListedByGetAllAndOutliveARestartOfUp() {
        String manifests = Path.of("src/test/resources/e2e/shop").toAbsolutePath().toString();

        CommandResult applied = cluster.orc("apply", "-f", manifests).succeeded();

        assertThat(applied.out()).contains("namespace/shop created", "configmap/web-config created",
                "deployment.apps/web created", "service/web created", "job.batch/hello created");
        cluster.await("the web pods Running and Ready", Duration.ofSeconds(120), () -> {
            List<PodView> pods = cluster.pods("shop", "app=web");
            assertThat(pods).hasSize(2).allMatch(PodView::serving);
        });
        String before = cluster.orc("get", "all", "-n", "shop").succeeded().out();
        assertThat(before).contains("deployment.apps/web", "replicaset.apps/web-", "pod/web-", "service/web", "job.batch/hello");
        String uid = cluster.orc("get", "deployment/web", "-n", "shop", "-o", "jsonpath={.metadata.uid}").succeeded().out().strip();

        cluster.restartControlPlane();

        String after = cluster.orc("get", "all", "-n", "shop").succeeded().out();
        assertThat(after).contains("deployment.apps/web", "replicaset.apps/web-", "pod/web-", "service/web", "job.batch/hello");
        assertThat(cluster.orc("get", "deployment/web", "-n", "shop", "-o", "jsonpath={.metadata.uid}").succeeded().out().strip())
                .isEqualTo(uid);
        assertThat(cluster.orc("apply", "-f", manifests).succeeded().out())
                .contains("deployment.apps/web unchanged", "service/web unchanged", "configmap/web-config unchanged");
        cluster.await("the web pods Ready again after the restart", Duration.ofSeconds(120), () ->
                assertThat(cluster.pods("shop", "app=web")).hasSize(2).allMatch(PodView::serving));
    }
}
