package dev.orc.cli.server;

import dev.orc.api.model.Durations;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code orc server}'s flags for running as one of several servers on an etcd cluster. */
public final class ClusterFlags {
    @Option(names = "--etcd-cafile", paramLabel = "FILE", description = "CA certificate (PEM) that signed etcd's serving certificate.")
    Path caFile;

    @Option(names = "--etcd-certfile", paramLabel = "FILE", description = "Client certificate (PEM) for an etcd that checks them.")
    Path certFile;

    @Option(names = "--etcd-keyfile", paramLabel = "FILE", description = "Key of the client certificate (PEM, PKCS#8).")
    Path keyFile;

    @Option(names = "--etcd-user", paramLabel = "USER", description = "etcd user, for an etcd with authentication on.")
    String user;

    @Option(names = "--etcd-password", paramLabel = "PASSWORD",
            description = "Password of --etcd-user (default: $ORC_ETCD_PASSWORD).")
    String password;

    @Option(names = "--leader-lease", paramLabel = "DURATION", defaultValue = "4s",
            description = "How long a silent leader keeps leading before another server takes over (default: ${DEFAULT-VALUE}).")
    String leaderLease;

    @Option(names = "--etcd-compaction-interval", paramLabel = "DURATION", defaultValue = "5m",
            description = "How often the leader compacts etcd's history, keeping one interval of it; 0 never (default: ${DEFAULT-VALUE}).")
    String compactionInterval;

    @Option(names = "--cluster-token", paramLabel = "TOKEN",
            description = "Servers started with the same token share CA, admin token and encryption keys; the first creates them; at least 16 characters (default: $ORC_CLUSTER_TOKEN).")
    String clusterToken;

    public ClusterOptions options() {
        String secret = password != null ? password : user != null ? System.getenv("ORC_ETCD_PASSWORD") : null;
        if (user != null && secret == null) {
            throw new IllegalArgumentException("--etcd-user needs --etcd-password or $ORC_ETCD_PASSWORD");
        }
        if (user == null && secret != null) {
            throw new IllegalArgumentException("--etcd-password needs --etcd-user");
        }
        return new ClusterOptions(caFile, certFile, keyFile, user, secret, Durations.parse(leaderLease),
                compactionInterval.equals("0") ? java.time.Duration.ZERO : Durations.parse(compactionInterval),
                clusterToken != null ? clusterToken : System.getenv("ORC_CLUSTER_TOKEN"));
    }
}
