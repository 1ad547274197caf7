package dev.orc.cli.server;

import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.etcd.EtcdConfig;
import dev.orc.cli.logging.JulToSlf4j;
import dev.orc.reconciler.store.etcd.EtcdStore;
import dev.orc.reconciler.store.sqlite.SqliteStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --store}: {@code sqlite:DIR} (the database file lives in DIR) or {@code etcd://HOST:PORT[,HOST:PORT...]}. */
final class StoreSpec {
    private static final String SQLITE = "sqlite:";
    private static final String ETCD = "etcd://";

    private StoreSpec() {
    }

    static boolean isSqlite(String spec) {
        return spec.startsWith(SQLITE);
    }

    static boolean isEtcd(String spec) {
        return spec.startsWith(ETCD);
    }

    /**
     * Opens the store. With etcd, every listed member is a client endpoint (calls fail over between them), reached
     * over TLS when {@code cluster} gives a CA or a client certificate, with its user and password if given.
     */
    static Store open(String spec, ClusterOptions cluster) {
        if (isSqlite(spec)) {
            return SqliteStore.open(Path.of(spec.substring(SQLITE.length())));
        }
        if (isEtcd(spec)) {
            JulToSlf4j.install();
            return EtcdStore.open(etcdConfig(spec, cluster));
        }
        throw new IllegalArgumentException("--store must be sqlite:DIR or etcd://HOST:PORT[,HOST:PORT...], got \"" + spec + "\"");
    }

    static EtcdConfig etcdConfig(String spec, ClusterOptions cluster) {
        String scheme = cluster.etcdTls() ? "https://" : "http://";
        List<String> endpoints = new ArrayList<>();
        for (String hostPort : spec.substring(ETCD.length()).split(",")) {
            if (!hostPort.isBlank()) {
                endpoints.add(scheme + hostPort.trim());
            }
        }
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("--store etcd:// needs at least one HOST:PORT, got \"" + spec + "\"");
        }
        EtcdConfig config = EtcdConfig.of(endpoints);
        if (cluster.etcdCaFile() != null) {
            config = config.withTls(cluster.etcdCaFile());
        }
        if (cluster.etcdCertFile() != null || cluster.etcdKeyFile() != null) {
            if (cluster.etcdCertFile() == null || cluster.etcdKeyFile() == null) {
                throw new IllegalArgumentException("--etcd-certfile and --etcd-keyfile must be given together");
            }
            config = config.withClientCertificate(cluster.etcdCertFile(), cluster.etcdKeyFile());
        }
        if (cluster.etcdUser() != null) {
            config = config.withCredentials(cluster.etcdUser(), cluster.etcdPassword());
        }
        return config;
    }
}
