package dev.orc.cli.server;

import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.controller.nodelifecycle.NodeLifecycleConfig;
import dev.orc.reconciler.manager.ControllerManager;
import dev.orc.reconciler.store.encryption.EncryptingStore;
import dev.orc.reconciler.store.encryption.EncryptionKeys;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.ServerFiles;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.etcd.EtcdConfig;
import dev.orc.reconciler.store.etcd.EtcdStore;
import dev.orc.reconciler.store.sqlite.SqliteStore;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Opens the store, prepares the data directory, starts the API server and writes the client configuration. */
public final class ServerRunner implements AutoCloseable {
    private final Store store;
    private final ApiServer server;
    private final Path clientConfig;
    private final ApiClient client;
    private final ControllerManager controllers;
    private final String token;

    private ServerRunner(Store store, ApiServer server, Path clientConfig, ApiClient client, ControllerManager controllers,
                         String token) {
        this.token = token;
        this.store = store;
        this.server = server;
        this.clientConfig = clientConfig;
        this.client = client;
        this.controllers = controllers;
    }

    public static ServerRunner start(ServerOptions options) throws InterruptedException {
        return start(options, Optional.empty());
    }

    /**
     * Starts the store, the API server and the controllers (this server is the leader), then makes sure the
     * GitSource of {@code git} exists.
     */
    public static ServerRunner start(ServerOptions options, Optional<GitFlag> git) throws InterruptedException {
        return start(options, git, NodeLifecycleConfig.defaults());
    }

    /** As {@link #start(ServerOptions, Optional)}, giving up on silent nodes as {@code nodeLifecycle} says. */
    public static ServerRunner start(ServerOptions options, Optional<GitFlag> git, NodeLifecycleConfig nodeLifecycle)
            throws InterruptedException {
        String host = options.host();
        int port = options.port();
        Store store = encrypted(openStore(options.storeOrDefault()), options.dataDir());
        ApiServer server = null;
        ControllerManager controllers = null;
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
            server = ApiServer.start(config);
            Path clientConfig = OwnClientConfig.write(options.clientConfig(), options.dataDir(), server.url(), token, ca);
            ApiClient client = server.localClient(ApiTransport.http(new ClientConfig(server.url(), token, ca, "default"),
                    ApiClient.DEFAULT_REQUEST_TIMEOUT));
            controllers = new ControllerManager(client, options.dataDir(), Clock.systemUTC(), nodeLifecycle);
            controllers.start();
            git.ifPresent(flag -> BootstrapSource.ensure(client, flag));
            return new ServerRunner(store, server, clientConfig, client, controllers, token);
        } catch (RuntimeException | InterruptedException e) {
            if (controllers != null) {
                controllers.close();
            }
            if (server != null) {
                server.close();
            }
            store.close();
            throw e;
        }
    }

    /** Secrets are kept encrypted in the store under the keys of {@code <data-dir>/encryption-keys}. */
    private static Store encrypted(Store store, Path dataDir) {
        try {
            EncryptionKeys keys = EncryptionKeys.loadOrCreate(dataDir.resolve("encryption-keys"));
            return new EncryptingStore(store, keys, List.of(ResourceTypes.SECRET.storePrefix()));
        } catch (IOException | RuntimeException e) {
            store.close();
            throw new IllegalStateException("cannot read the encryption keys in " + dataDir + ": " + e.getMessage(), e);
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

    /** The client configuration naming this server: the user's file, or the data directory's when that names another. */
    public Path clientConfig() {
        return clientConfig;
    }

    /** The admin token (null when serving without authentication). */
    public String token() {
        return token;
    }

    /** A client of this server with its admin credentials, for in-process components such as a local node. */
    public ApiClient client() {
        return client;
    }

    @Override
    public void close() {
        controllers.close();
        server.close();
        store.close();
    }
}
