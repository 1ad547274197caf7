package dev.orc.cli.server;

import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.wait.MonotonicClock;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.KubernetesService;
import dev.orc.reconciler.services.ServiceCidr;
import dev.orc.reconciler.controller.nodelifecycle.NodeLifecycleConfig;
import dev.orc.reconciler.join.ClusterJoin;
import dev.orc.reconciler.join.KeyFollower;
import dev.orc.reconciler.leader.ElectionTiming;
import dev.orc.reconciler.leader.FencedTransport;
import dev.orc.reconciler.leader.Leadership;
import dev.orc.reconciler.store.encryption.EncryptingStore;
import dev.orc.reconciler.store.encryption.EncryptionKeys;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.ServerFiles;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.Store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Opens the store, prepares the data directory, starts the API server and writes the client configuration. */
public final class ServerRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerRunner.class);
    private static final String LOCAL_SOCKET = "api.sock";

    private final Store store;
    private final ApiServer server;
    private final Path clientConfig;
    private final ApiClient client;
    private final Leadership leadership;
    private final Optional<KeyFollower> keys;
    private final String token;

    private ServerRunner(Store store, ApiServer server, Path clientConfig, ApiClient client, Leadership leadership,
                         Optional<KeyFollower> keys, String token) {
        this.keys = keys;
        this.token = token;
        this.store = store;
        this.server = server;
        this.clientConfig = clientConfig;
        this.client = client;
        this.leadership = leadership;
    }

    public static ServerRunner start(ServerOptions options) throws InterruptedException {
        return start(options, Optional.empty());
    }

    /**
     * Starts the store and the API server, and campaigns for leadership: the controllers run while this server
     * leads. Then makes sure the GitSource of {@code git} exists.
     */
    public static ServerRunner start(ServerOptions options, Optional<GitFlag> git) throws InterruptedException {
        return start(options, git, NodeLifecycleConfig.defaults());
    }

    /** As {@link #start(ServerOptions, Optional)}, giving up on silent nodes as {@code nodeLifecycle} says. */
    public static ServerRunner start(ServerOptions options, Optional<GitFlag> git, NodeLifecycleConfig nodeLifecycle)
            throws InterruptedException {
        return start(options, git, nodeLifecycle, ClusterOptions.defaults());
    }

    /** As {@link #start(ServerOptions, Optional, NodeLifecycleConfig)}, on etcd as {@code cluster} says. */
    public static ServerRunner start(ServerOptions options, Optional<GitFlag> git, NodeLifecycleConfig nodeLifecycle,
                                     ClusterOptions cluster) throws InterruptedException {
        String host = options.host();
        Optional<String> advertised = advertiseAddress(options.advertiseAddress(), host);
        int port = options.port();
        String spec = options.storeOrDefault();
        Store backend = joined(StoreSpec.open(spec, cluster), cluster.clusterToken(), options.dataDir());
        EncryptingStore store = encrypted(backend, options.dataDir());
        String identity = Leadership.newIdentity();
        ApiServer server = null;
        Leadership leadership = null;
        Optional<KeyFollower> keys = Optional.empty();
        try {
            if (cluster.clusterToken() != null) {
                keys = Optional.of(KeyFollower.start(backend, store, cluster.clusterToken(), options.dataDir(), identity));
            }
            ApiServerConfig config = ApiServerConfig.of(host, port, store).withLimits(options.limits())
                    .withAudit(options.audit().orElse(null)).withGitOps(options.gitops());
            String token = null;
            Path ca = null;
            if (!options.insecureLocalhost()) {
                ServerFiles files = ServerFiles.prepare(options.dataDir(), certificateHosts(host, advertised),
                        Instant.now());
                config = config.withTls(files.tlsIdentity()).withAuthenticator(TokenAuthenticator.fromFile(files.tokenFile()))
                        .withRbac().withNodeCa(files.ca());
                token = files.adminToken();
                ca = files.caCertificate();
            }
            server = ApiServer.start(config);
            server.serveAsKubernetesService(advertised);
            Path socket = token == null ? null : localSocket(server, options.dataDir());
            Path clientConfig = OwnClientConfig.write(options.clientConfig(), options.dataDir(), options.clientContext(),
                    server.url(), token, ca, socket);
            ApiTransport local = server.localTransport(ApiTransport.http(new ClientConfig(server.url(), token, ca, "default"),
                    ApiClient.DEFAULT_REQUEST_TIMEOUT));
            ApiClient client = ApiClient.over(local);
            if (StoreSpec.isSqlite(spec)) {
                Leadership.forgetPreviousHolder(store);
            }
            Duration compaction = StoreSpec.isEtcd(spec) ? cluster.compactionInterval() : Duration.ZERO;
            leadership = Leadership.start(store, ElectionTiming.ofLease(cluster.leaderLease()), identity,
                    term -> ApiClient.over(new FencedTransport(local, term.fence())),
                    new LeaderDuties(store, options.dataDir(), nodeLifecycle, compaction, options.gitops(),
                            server.impersonation()), MonotonicClock.system());
            git.ifPresent(flag -> BootstrapSource.ensure(client, flag));
            return new ServerRunner(store, server, clientConfig, client, leadership, keys, token);
        } catch (RuntimeException e) {
            if (leadership != null) {
                leadership.close();
            }
            if (server != null) {
                server.close();
            }
            keys.ifPresent(KeyFollower::close);
            store.close();
            throw e;
        }
    }

    /**
     * {@code DATA_DIR/api.sock}, where the server also listens for the CLI on this machine, which then skips TLS
     * ({@link dev.orc.api.client.LocalSocket}); null, said in one line, when it cannot listen there.
     */
    private static Path localSocket(ApiServer server, Path dataDir) {
        Path socket = dataDir.toAbsolutePath().resolve(LOCAL_SOCKET);
        try {
            server.serveOnSocket(socket);
            return socket;
        } catch (IOException e) {
            LOG.warn("the CLI on this machine will reach the server over TLS only: {}", e.getMessage());
            return null;
        }
    }

    /**
     * With a cluster token, takes the cluster's shared credentials and keys from the store (or puts this server's
     * there, if it is the first); a wrong token closes the store and fails having changed nothing.
     */
    private static Store joined(Store store, String clusterToken, Path dataDir) {
        if (clusterToken == null) {
            return store;
        }
        try {
            ClusterJoin.join(store, clusterToken, dataDir, Instant.now());
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Secrets are kept encrypted in the store under the keys of {@code <data-dir>/encryption-keys}; with a cluster token,
     * a {@link KeyFollower} keeps them those of the cluster as they rotate.
     */
    private static EncryptingStore encrypted(Store store, Path dataDir) {
        try {
            EncryptionKeys keys = EncryptionKeys.loadOrCreate(dataDir.resolve(EncryptionKeys.FILE));
            return new EncryptingStore(store, keys, List.of(ResourceTypes.SECRET.storePrefix()));
        } catch (IOException | RuntimeException e) {
            store.close();
            throw new IllegalStateException("cannot read the encryption keys in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The address pods reach this server at, listed in the {@code kubernetes} Service's Endpoints: {@code
     * --advertise-address} when given, else the address it listens on, or, listening on every address, the machine's
     * own; none when it listens on loopback only, which no pod can reach.
     */
    static Optional<String> advertiseAddress(String flag, String listenHost) {
        if (flag != null) {
            return Optional.of(checkedAdvertiseAddress(flag));
        }
        try {
            InetAddress listen = InetAddress.getByName(listenHost);
            InetAddress address = listen.isAnyLocalAddress() ? InetAddress.getLocalHost() : listen;
            return address.isLoopbackAddress() || address.isAnyLocalAddress() || !(address instanceof Inet4Address)
                    ? Optional.empty() : Optional.of(address.getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** {@code --advertise-address}: an IPv4 address, neither loopback nor unspecified, as Endpoints list them. */
    private static String checkedAdvertiseAddress(String flag) {
        String problem = "--advertise-address must be an IPv4 address that pods can reach, got \"" + flag + "\"";
        String[] parts = flag.split("\\.", -1);
        byte[] octets = new byte[4];
        if (parts.length != 4) {
            throw new IllegalArgumentException(problem);
        }
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("\\d{1,3}") || Integer.parseInt(parts[i]) > 255) {
                throw new IllegalArgumentException(problem);
            }
            octets[i] = (byte) Integer.parseInt(parts[i]);
        }
        try {
            InetAddress address = InetAddress.getByAddress(octets);
            if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                throw new IllegalArgumentException(problem + ": a loopback, unspecified or multicast address");
            }
            return address.getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static List<String> certificateHosts(String listenHost, Optional<String> advertised) {
        Set<String> hosts = new LinkedHashSet<>(Arrays.asList("localhost", "127.0.0.1", "::1"));
        advertised.ifPresent(hosts::add);
        hosts.addAll(KubernetesService.certificateHosts(ServiceCidr.DEFAULT));
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

    /** The client configuration whose current context is this server: the user's file, or the data directory's. */
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
        leadership.close();
        server.close();
        keys.ifPresent(KeyFollower::close);
        store.close();
    }
}
