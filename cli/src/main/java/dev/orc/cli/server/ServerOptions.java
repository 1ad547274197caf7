package dev.orc.cli.server;

import dev.orc.api.client.ClientConfig;
import dev.orc.cli.Home;
import dev.orc.reconciler.apiserver.audit.AuditSettings;
import dev.orc.reconciler.apiserver.http.RequestLimits;
import dev.orc.reconciler.gitops.GitOpsPolicy;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to run a server: where the store is ({@code sqlite:DIR} or {@code etcd://HOST:PORT,...}), the
 * address to listen on, the data directory, whether to serve plain HTTP without tokens on loopback,
 * where to write the CLI's configuration, how many requests the API serves at once, the audit log, if any, the
 * GitOps flags (what GitSources may fetch, who they apply as) and the address pods reach the server at (null: the one
 * {@code listen} implies).
 */
public record ServerOptions(String store, String listen, Path dataDir, boolean insecureLocalhost, Path clientConfig,
                            RequestLimits limits, Optional<AuditSettings> audit, GitOpsPolicy gitops,
                            String advertiseAddress) {
    public static final String DEFAULT_LISTEN = "127.0.0.1:6443";

    /** With kube-apiserver's default limits of requests in flight. */
    public ServerOptions(String store, String listen, Path dataDir, boolean insecureLocalhost, Path clientConfig) {
        this(store, listen, dataDir, insecureLocalhost, clientConfig, RequestLimits.defaults());
    }

    /** Without an audit log, with {@link GitOpsPolicy#standard()}. */
    public ServerOptions(String store, String listen, Path dataDir, boolean insecureLocalhost, Path clientConfig,
                         RequestLimits limits) {
        this(store, listen, dataDir, insecureLocalhost, clientConfig, limits, Optional.empty(), GitOpsPolicy.standard(),
                null);
    }

    public ServerOptions withGitOps(GitOpsPolicy value) {
        return new ServerOptions(store, listen, dataDir, insecureLocalhost, clientConfig, limits, audit, value,
                advertiseAddress);
    }

    /** {@code ~/.orc}, {@code ~} being {@code $HOME}. */
    public static Path defaultDataDir() {
        return Home.of(System.getenv()).resolve(".orc");
    }

    /** {@code $ORC_CONFIG}, else the first file of {@code $KUBECONFIG}, else {@code ~/.orc/config}. */
    public static Path defaultClientConfig() {
        return ClientConfig.location(System.getenv(), Home.of(System.getenv()));
    }

    /** The kubeconfig context this server writes: named after its data directory. */
    public String clientContext() {
        return OwnClientConfig.contextName(dataDir, defaultDataDir());
    }

    public String storeOrDefault() {
        return store != null ? store : "sqlite:" + dataDir;
    }

    public String host() {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--listen must be ADDRESS:PORT, got \"" + listen + "\"");
        }
        String host = listen.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    public int port() {
        String port = listen.substring(listen.lastIndexOf(':') + 1);
        try {
            int value = Integer.parseInt(port);
            if (value < 0 || value > 65535) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--listen needs a port between 0 and 65535, got \"" + port + "\"");
        }
    }
}
