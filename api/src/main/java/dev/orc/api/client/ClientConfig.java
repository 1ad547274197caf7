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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the client connects and as whom. Stored as YAML in {@code ~/.orc/config} (or the file env
 * {@code ORC_CONFIG} names):
 * <pre>
 * server: https://127.0.0.1:6443
 * token: 3f1c...
 * certificateAuthority: ca.pem      # PEM; a relative path is relative to the config file
 * namespace: default
 * </pre>
 * Any field may be absent. Env {@code ORC_SERVER} overrides the file's server; command-line flags
 * override both (see the {@code with...} methods).
 */
public record ClientConfig(URI server, String token, Path certificateAuthority, String namespace) {
    public static final String DEFAULT_NAMESPACE = "default";
    public static final String ENV_CONFIG = "ORC_CONFIG";
    public static final String ENV_SERVER = "ORC_SERVER";

    public static ClientConfig empty() {
        return new ClientConfig(null, null, null, null);
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
        return new ClientConfig(server == null ? null : parseServer(server), text(map, "token", file),
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
        if (server != null) {
            fields.put("server", server.toString());
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

    public ClientConfig withServer(String value) {
        return new ClientConfig(parseServer(value), token, certificateAuthority, namespace);
    }

    public ClientConfig withToken(String value) {
        return new ClientConfig(server, value, certificateAuthority, namespace);
    }

    public ClientConfig withCertificateAuthority(Path value) {
        return new ClientConfig(server, token, value, namespace);
    }

    public ClientConfig withNamespace(String value) {
        return new ClientConfig(server, token, certificateAuthority, value);
    }

    /** The namespace commands use when none is given. */
    public String namespaceOrDefault() {
        return namespace == null ? DEFAULT_NAMESPACE : namespace;
    }

    /** The token is a secret: it never appears in logs or messages. */
    @Override
    public String toString() {
        return "ClientConfig[server=" + server + ", token=" + (token == null ? "none" : "***") + ", certificateAuthority="
                + certificateAuthority + ", namespace=" + namespace + "]";
    }
}
