package dev.orc.cli.server;

import dev.orc.reconciler.leader.ElectionTiming;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a server takes part in a cluster of servers on etcd: the TLS files and credentials it reaches etcd with
 * (any of them may be null), how long its leader lease lasts, how often the leader compacts etcd's history
 * (zero: never), and the token servers join the cluster with (null: this server keeps its own credentials).
 */
public record ClusterOptions(Path etcdCaFile, Path etcdCertFile, Path etcdKeyFile, String etcdUser, String etcdPassword,
                             Duration leaderLease, Duration compactionInterval, String clusterToken) {
    /** As kube-apiserver compacts etcd. */
    public static final Duration DEFAULT_COMPACTION_INTERVAL = Duration.ofMinutes(5);

    public ClusterOptions {
        if (compactionInterval.isNegative()) {
            throw new IllegalArgumentException("--etcd-compaction-interval must not be negative, got " + compactionInterval);
        }
    }

    public static ClusterOptions defaults() {
        return new ClusterOptions(null, null, null, null, null, ElectionTiming.defaults().leaseDuration(),
                DEFAULT_COMPACTION_INTERVAL, null);
    }

    public ClusterOptions withClusterToken(String token) {
        return new ClusterOptions(etcdCaFile, etcdCertFile, etcdKeyFile, etcdUser, etcdPassword, leaderLease,
                compactionInterval, token);
    }

    /** Whether etcd is reached over TLS (a CA or a client certificate is given). */
    boolean etcdTls() {
        return etcdCaFile != null || etcdCertFile != null;
    }
}
