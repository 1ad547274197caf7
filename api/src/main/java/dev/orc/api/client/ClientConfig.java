package dev.orc.api.client;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the client connects and as whom: one context of a kubeconfig ({@link Kubeconfig}) in {@code ~/.orc/config},
 * or the file env {@code ORC_CONFIG} names, or the files of env {@code KUBECONFIG}. Any field may be absent. A
 * cluster may have several servers ({@code --server https://10.0.0.1:6443,https://10.0.0.2:6443}): the client uses
 * the first that answers and moves on when it stops answering. Env {@code ORC_SERVER} overrides the file's server; command-line flags override both
 * (see the {@code with...} methods).
 */
public record ClientConfig(List<URI> servers, String token, Path certificateAuthority, String namespace,
                           Path localSocket) {
    public static final String DEFAULT_NAMESPACE = "default";
    public static final String ENV_CONFIG = "ORC_CONFIG";
    public static final String ENV_SERVER = "ORC_SERVER";
    public static final String ENV_KUBECONFIG = "KUBECONFIG";

    public ClientConfig {
        servers = servers == null ? List.of() : List.copyOf(servers);
    }

    /** A config without a {@link LocalSocket}. */
    public ClientConfig(List<URI> servers, String token, Path certificateAuthority, String namespace) {
        this(servers, token, certificateAuthority, namespace, null);
    }

    /** A config for one server ({@code null}: none). */
    public ClientConfig(URI server, String token, Path certificateAuthority, String namespace) {
        this(server == null ? List.of() : List.of(server), token, certificateAuthority, namespace);
    }

    public static ClientConfig empty() {
        return new ClientConfig(List.of(), null, null, null);
    }

    /** The first of the servers, the one a client tries first; null when none is configured. */
    public URI server() {
        return servers.isEmpty() ? null : servers.getFirst();
    }

    /**
     * The files the config is read from, as kubectl finds them: env {@code ORC_CONFIG}; else the files env
     * {@code KUBECONFIG} lists (separated by {@code :}); else {@code ~/.orc/config}.
     */
    public static List<Path> locations(Map<String, String> env, Path home) {
        String explicit = env.get(ENV_CONFIG);
        if (explicit != null && !explicit.isBlank()) {
            return List.of(Path.of(explicit));
        }
        String kubeconfig = env.get(ENV_KUBECONFIG);
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            List<Path> files = new ArrayList<>();
            for (String part : kubeconfig.split(java.io.File.pathSeparator)) {
                if (!part.isBlank()) {
                    files.add(Path.of(part));
                }
            }
            if (!files.isEmpty()) {
                return List.copyOf(files);
            }
        }
        return List.of(home.resolve(".orc").resolve("config"));
    }

    /** The file a context is written to: the first of {@link #locations}. */
    public static Path location(Map<String, String> env, Path home) {
        return locations(env, home).getFirst();
    }

    /** The current context of the config files (absent is fine, unreadable is an error) with env {@code ORC_SERVER} applied. */
    public static ClientConfig load(Map<String, String> env, Path home) {
        return load(env, home, null);
    }

    /** Context {@code context} (null: the current one) of the config files, with env {@code ORC_SERVER} applied. */
    public static ClientConfig load(Map<String, String> env, Path home, String context) {
        List<Path> files = locations(env, home);
        ClientConfig config = merged(files).clientConfig(context, files.getFirst());
        String server = env.get(ENV_SERVER);
        if (server != null && !server.isBlank()) {
            return config.withServer(server);
        }
        return "off".equals(env.get(LocalSocket.ENV_SWITCH)) ? config.withLocalSocket(null) : config;
    }

    /** The config files merged as kubectl merges them: the first file to name an entry wins. */
    public static Kubeconfig merged(List<Path> files) {
        Kubeconfig merged = null;
        for (Path file : files) {
            Kubeconfig one = Kubeconfig.readOrEmpty(file);
            merged = merged == null ? one : merged.mergedWith(one);
        }
        return merged == null ? Kubeconfig.empty() : merged;
    }

    /** The current context of one file. */
    public static ClientConfig read(Path file) {
        return Kubeconfig.read(file).clientConfig(null, file);
    }

    /** Writes this config as a kubeconfig of one context, readable by its owner only. */
    public void write(Path file) {
        Kubeconfig.empty().withContext(Kubeconfig.MIGRATED, this).withCurrentContext(Kubeconfig.MIGRATED).write(file);
    }

    /** {@code https://host:6443}; a bare {@code host:port} means HTTPS. */
    public static URI parseServer(String text) {
        String value = text.strip();
        if (!value.contains("://")) {
            value = "https://" + value;
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid server address \"" + text + "\": expected a URL like https://127.0.0.1:6443");
        }
        if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("invalid server address \"" + text + "\": expected a URL like https://127.0.0.1:6443");
        }
        return uri;
    }

    /** One server, or several of one cluster separated by commas, each as {@link #parseServer} reads it. */
    public static List<URI> parseServers(String text) {
        List<URI> servers = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("invalid server address list \"" + text
                        + "\": expected URLs separated by commas, like https://10.0.0.1:6443,https://10.0.0.2:6443");
            }
            servers.add(parseServer(part));
        }
        return List.copyOf(servers);
    }

    /** Another server, so no local socket. */
    public ClientConfig withServer(String value) {
        return new ClientConfig(parseServers(value), token, certificateAuthority, namespace);
    }

    public ClientConfig withToken(String value) {
        return new ClientConfig(servers, value, certificateAuthority, namespace, localSocket);
    }

    public ClientConfig withCertificateAuthority(Path value) {
        return new ClientConfig(servers, token, value, namespace, localSocket);
    }

    public ClientConfig withNamespace(String value) {
        return new ClientConfig(servers, token, certificateAuthority, value, localSocket);
    }

    /** The Unix domain socket where the first server also listens ({@link LocalSocket}; null: none). */
    public ClientConfig withLocalSocket(Path value) {
        return new ClientConfig(servers, token, certificateAuthority, namespace, value);
    }

    /** The namespace commands use when none is given. */
    public String namespaceOrDefault() {
        return namespace == null ? DEFAULT_NAMESPACE : namespace;
    }

    /** The token is a secret: it never appears in logs or messages. */
    @Override
    public String toString() {
        return "ClientConfig[servers=" + servers + ", token=" + (token == null ? "none" : "***") + ", certificateAuthority="
                + certificateAuthority + ", namespace=" + namespace + ", localSocket=" + localSocket + "]";
    }
}
