package dev.orc.cli.server;

import dev.orc.reconciler.store.etcd.EtcdConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreSpecTest {
    @Test
    void everyListedMemberIsAnEndpointOverPlainHttpByDefault() {
        EtcdConfig config = StoreSpec.etcdConfig("etcd://10.0.0.1:2379, 10.0.0.2:2379,10.0.0.3:2379", ClusterOptions.defaults());

        assertThat(config.endpoints()).containsExactly("http://10.0.0.1:2379", "http://10.0.0.2:2379", "http://10.0.0.3:2379");
        assertThat(config.caFile()).isNull();
        assertThat(config.user()).isNull();
    }

    @Test
    void theEtcdFlagsGiveTlsWithAClientCertificateAndCredentials() {
        ClusterOptions cluster = flags("--etcd-cafile", "/etc/etcd/ca.pem", "--etcd-certfile", "/etc/etcd/orc.pem",
                "--etcd-keyfile", "/etc/etcd/orc-key.pem", "--etcd-user", "orc", "--etcd-password", "pw",
                "--leader-lease", "6s", "--etcd-compaction-interval", "10m");

        EtcdConfig config = StoreSpec.etcdConfig("etcd://a:2379,b:2379", cluster);

        assertThat(config.endpoints()).containsExactly("https://a:2379", "https://b:2379");
        assertThat(config.caFile()).isEqualTo(Path.of("/etc/etcd/ca.pem"));
        assertThat(config.certFile()).isEqualTo(Path.of("/etc/etcd/orc.pem"));
        assertThat(config.keyFile()).isEqualTo(Path.of("/etc/etcd/orc-key.pem"));
        assertThat(config.user()).isEqualTo("orc");
        assertThat(config.password()).isEqualTo("pw");
        assertThat(cluster.leaderLease()).isEqualTo(Duration.ofSeconds(6));
        assertThat(cluster.compactionInterval()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theDefaultsCompactEveryFiveMinutesAndZeroNeverCompacts() {
        assertThat(flags().compactionInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(flags().leaderLease()).isEqualTo(Duration.ofSeconds(4));
        assertThat(flags("--etcd-compaction-interval", "0").compactionInterval()).isZero();
    }

    @Test
    void halfAClientCertificateOrHalfTheCredentialsIsRefusedClearly() {
        assertThatThrownBy(() -> StoreSpec.etcdConfig("etcd://a:2379", flags("--etcd-certfile", "/c.pem")))
                .hasMessage("--etcd-certfile and --etcd-keyfile must be given together");
        assertThatThrownBy(() -> flags("--etcd-password", "pw")).hasMessage("--etcd-password needs --etcd-user");
        assertThatThrownBy(() -> StoreSpec.etcdConfig("etcd://", ClusterOptions.defaults()))
                .hasMessageContaining("at least one HOST:PORT");
    }

    private static ClusterOptions flags(String... args) {
        ClusterFlags flags = new ClusterFlags();
        new CommandLine(flags).parseArgs(args);
        return flags.options();
    }
}
