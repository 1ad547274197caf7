package dev.orc.cli.server;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The flags that reach the cluster's etcd and name the cluster by its token: {@code orc server}'s, and those of the
 * commands that work on the cluster's shared state directly ({@code orc secrets-encrypt}).
 */
public final class EtcdFlags {
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

    @Option(names = "--cluster-token", paramLabel = "TOKEN",
            description = "Servers started with the same token share CA, admin token and encryption keys; the first creates them; at least 16 characters (default: $ORC_CLUSTER_TOKEN).")
    String clusterToken;

    /** These flags with the server's own timings (commands that run no server pass the defaults). */
    ClusterOptions options(Duration leaderLease, Duration compactionInterval) {
        String secret = password != null ? password : user != null ? System.getenv("ORC_ETCD_PASSWORD") : null;
        if (user != null && secret == null) {
            throw new IllegalArgumentException("--etcd-user needs --etcd-password or $ORC_ETCD_PASSWORD");
        }
        if (user == null && secret != null) {
            throw new IllegalArgumentException("--etcd-password needs --etcd-user");
        }
        return new ClusterOptions(caFile, certFile, keyFile, user, secret, leaderLease, compactionInterval,
                clusterToken != null ? clusterToken : System.getenv("ORC_CLUSTER_TOKEN"));
    }
}
