package dev.orc.cli.server;

import dev.orc.reconciler.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The cluster's etcd and token, for commands that work on the cluster's shared state directly. */
final class ClusterStoreOptions {
    @Option(names = "--store", required = true, paramLabel = "etcd://HOST:PORT,...",
            description = "The servers' etcd, as given to orc server --store.")
    String store;

    @CommandLine.Mixin
    EtcdFlags etcd;

    /** The cluster token, from --cluster-token or $ORC_CLUSTER_TOKEN. */
    String token() {
        String token = options().clusterToken();
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the cluster token is needed: --cluster-token or $ORC_CLUSTER_TOKEN");
        }
        return token;
    }

    Store open() {
        if (!StoreSpec.isEtcd(store)) {
            throw new IllegalArgumentException("--store must be the servers' etcd (etcd://HOST:PORT,...), got \"" + store
                    + "\"; a single server on SQLite keeps its keys in <data-dir>/encryption-keys");
        }
        return StoreSpec.open(store, options());
    }

    private ClusterOptions options() {
        ClusterOptions defaults = ClusterOptions.defaults();
        return etcd.options(defaults.leaderLease(), defaults.compactionInterval());
    }
}
