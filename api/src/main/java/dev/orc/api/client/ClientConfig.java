package dev.orc.api.client;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the client connects and as whom. Stored as YAML in {@code ~/.orc/config} (or the file env
 * {@code ORC_CONFIG} names):
 * <pre>
 * server: https://127.0.0.1:6443
 * token: 3f1c...
 * certificateAuthority: ca.pem      # PEM; a relative path is relative to the config file
 * namespace: default
 * </pre>
 * Any field may be absent. {@code server} may list several servers of one cluster, separated by commas
 * ({@code https://10.0.0.1:6443,https://10.0.0.2:6443}): the client uses the first that answers and moves on
 * when it stops answering. Env {@code ORC_SERVER} overrides the file's server; command-line flags override both
 * (see the {@code with...} methods).
 */
public record ClientConfig(List<URI> servers, String token, Path certificateAuthority, String namespace) {
    public static final String DEFAULT_NAMESPACE = "default";
    public static final String ENV_CONFIG = "ORC_CONFIG";
    public static final String ENV_SERVER = "ORC_SERVER";

    public ClientConfig {
        servers = servers == null ? List.of() : List.copyOf(servers);
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

    /** The file the config is read from: env {@code ORC_CONFIG}, else {@code ~/.orc/config}. */
    public static Path location(Map<String, String> env, Path home) {
        String explicit = env.get(ENV_CONFIG);
        return explicit != null && !explicit.isBlank() ? Path.of(explicit) : home.resolve(".orc").resolve("config");
    }

    /** The config file (absent is fine, unreadable is an error) with env {@code ORC_SERVER} applied. */
    public static ClientConfig load(Map<String, String> env, Path home) {
        Path file = location(env, home);
        ClientConfig config = Files.exists(file) ? read(file) : empty();
        String server = env.get(ENV_SERVER);
        return server != null && !server.isBlank() ? config.withServer(server) : config;
    }

    public static ClientConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read client config " + file + ": " + e.getMessage(), e);
        }
        Object parsed;
        try {
            parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("client config " + file + " is not valid YAML: " + e.getMessage(), e);
        }
        if (parsed == null) {
            return empty();
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("client config " + file + " must be a YAML mapping of server, token, "
                    + "certificateAuthority and namespace");
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String name) || !name.matches("server|token|certificateAuthority|namespace")) {
                throw new IllegalArgumentException("client config " + file + ": unknown field \"" + key
                        + "\" (known: server, token, certificateAuthority, namespace)");
            }
        }
        String server = text(map, "server", file);
        String ca = text(map, "certificateAuthority", file);
        Path base = file.toAbsolutePath().getParent();
        return new ClientConfig(server == null ? List.of() : parseServers(server), text(map, "token", file),
                ca == null ? null : base.resolve(ca), text(map, "namespace", file));
    }

    private static String text(Map<?, ?> map, String key, Path file) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("client config " + file + ": " + key + " must be a string, got " + value);
        }
        return s.isBlank() ? null : s.strip();
    }

    /** Writes this config readable by its owner only, as a server does for its admin on first start. */
    public void write(Path file) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (!servers.isEmpty()) {
            fields.put("server", servers.stream().map(URI::toString).collect(Collectors.joining(",")));
        }
        if (token != null) {
            fields.put("token", token);
        }
        if (certificateAuthority != null) {
            fields.put("certificateAuthority", certificateAuthority.toAbsolutePath().toString());
        }
        if (namespace != null) {
            fields.put("namespace", namespace);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, ".config", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system has no POSIX permissions; the file keeps its defaults
            }
            Files.writeString(temporary, new Yaml(options).dump(fields), StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write client config " + file + ": " + e.getMessage(), e);
        }
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

    public ClientConfig withServer(String value) {
        return new ClientConfig(parseServers(value), token, certificateAuthority, namespace);
    }

    public ClientConfig withToken(String value) {
        return new ClientConfig(servers, value, certificateAuthority, namespace);
    }

    public ClientConfig withCertificateAuthority(Path value) {
        return new ClientConfig(servers, token, value, namespace);
    }

    public ClientConfig withNamespace(String value) {
        return new ClientConfig(servers, token, certificateAuthority, value);
    }

    /** The namespace commands use when none is given. */
    public String namespaceOrDefault() {
        return namespace == null ? DEFAULT_NAMESPACE : namespace;
    }

    /** The token is a secret: it never appears in logs or messages. */
    @Override
    public String toString() {
        return "ClientConfig[servers=" + servers + ", token=" + (token == null ? "none" : "***") + ", certificateAuthority="
                + certificateAuthority + ", namespace=" + namespace + "]";
    }
}
