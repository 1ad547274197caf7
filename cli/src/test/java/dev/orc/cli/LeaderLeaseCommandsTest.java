package dev.orc.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A single server on SQLite is the leader, and shows it as Kubernetes shows kube-controller-manager's lease. */
class LeaderLeaseCommandsTest {
    @TempDir
    Path dir;
    LiveCluster cluster;

    @BeforeEach
    void start() throws InterruptedException {
        cluster = new LiveCluster(dir);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void getLeasesInKubeSystemShowsTheLeaderAndDescribeShowsItsTermAndHistory() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(cluster.orc("get", "leases", "-n", "kube-system").out()).contains("orc-controller-manager"));

        CommandRun get = cluster.orc("get", "leases", "-n", "kube-system");
        assertThat(get.out()).startsWith("NAME").contains("HOLDER");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            CommandRun describe = cluster.orc("describe", "lease", "orc-controller-manager", "-n", "kube-system");
            assertThat(describe.exitCode()).isZero();
            assertThat(describe.out()).contains("holderIdentity:", "leaseDurationSeconds: 4", "acquireTime:",
                    "orc.dev/leader-epoch", "LeaderElection", "became leader");
        });
    }
}
