package dev.orc.cli.server;

import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.ServerFiles;
import dev.orc.reconciler.apiserver.TokenAuthenticator;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.etcd.EtcdConfig;
import dev.orc.reconciler.store.etcd.EtcdStore;
import dev.orc.reconciler.store.sqlite.SqliteStore;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Opens the store, prepares the data directory, starts the API server and writes the client configuration. */
public final class ServerRunner implements AutoCloseable {
    private final Store store;
    private final ApiServer server;
    private final Path clientConfig;

    private ServerRunner(Store store, ApiServer server, Path clientConfig) {
        this.store = store;
        this.server = server;
        this.clientConfig = clientConfig;
    }

    public static ServerRunner start(ServerOptions options) {
        String host = options.host();
        int port = options.port();
        Store store = openStore(options.storeOrDefault());
        try {
            ApiServerConfig config = ApiServerConfig.of(host, port, store);
            String token = null;
            Path ca = null;
            if (!options.insecureLocalhost()) {
                ServerFiles files = ServerFiles.prepare(options.dataDir(), certificateHosts(host), Instant.now());
                config = config.withTls(files.tlsIdentity()).withAuthenticator(TokenAuthenticator.fromFile(files.tokenFile()));
                token = files.adminToken();
                ca = files.caCertificate();
            }
            ApiServer server = ApiServer.start(config);
            ServerFiles.writeClientConfig(options.dataDir().resolve("client.yaml"), server.url(), token, ca, "default");
            ServerFiles.writeClientConfig(options.clientConfig(), server.url(), token, ca, "default");
            return new ServerRunner(store, server, options.clientConfig());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** {@code sqlite:DIR} (the database file lives in DIR) or {@code etcd://HOST:PORT[,HOST:PORT...]}. */
    static Store openStore(String spec) {
        if (spec.startsWith("sqlite:")) {
            return SqliteStore.open(Path.of(spec.substring("sqlite:".length())));
        }
        if (spec.startsWith("etcd://")) {
            List<String> endpoints = new ArrayList<>();
            for (String hostPort : spec.substring("etcd://".length()).split(",")) {
                endpoints.add("http://" + hostPort.trim());
            }
            return EtcdStore.open(EtcdConfig.of(endpoints));
        }
        throw new IllegalArgumentException("--store must be sqlite:DIR or etcd://HOST:PORT[,HOST:PORT...], got \"" + spec + "\"");
    }

    private static List<String> certificateHosts(String listenHost) {
        Set<String> hosts = new LinkedHashSet<>(Arrays.asList("localhost", "127.0.0.1", "::1"));
        try {
            InetAddress local = InetAddress.getLocalHost();
            hosts.add(local.getHostName());
            hosts.add(local.getHostAddress());
        } catch (UnknownHostException e) {
            // a machine without a resolvable name is served under localhost and its addresses only
        }
        if (!listenHost.equals("0.0.0.0") && !listenHost.equals("::")) {
            hosts.add(listenHost);
        }
        return List.copyOf(hosts);
    }

    public ApiServer server() {
        return server;
    }

    public Path clientConfig() {
        return clientConfig;
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
