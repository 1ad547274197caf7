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
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A client config in kubectl's kubeconfig format ({@code clusters}, {@code users}, {@code contexts},
 * {@code current-context}), so that {@code KUBECONFIG=~/.orc/config kubectl get pods} works. The file is kept as
 * the tree it was read as: changing one context leaves every other entry, and every field orc does not know, as it
 * was. A file in orc's earlier format ({@code server}, {@code token}, {@code certificateAuthority},
 * {@code namespace}) is read as one context named {@value #MIGRATED} and written back as a kubeconfig.
 * A cluster of several servers keeps the first in {@code server} (what kubectl uses) and all of them in the
 * cluster's {@value #SERVERS_EXTENSION} extension.
 */
public final class Kubeconfig {
    /** The context an earlier orc config becomes. */
    public static final String MIGRATED = "orc";
    static final String SERVERS_EXTENSION = "orc.dev/servers";
    private static final Set<String> OLD_FIELDS = Set.of("server", "token", "certificateAuthority", "namespace");

    /** One context as {@code orc config get-contexts} lists it. */
    public record Context(String name, String cluster, String user, String namespace) {
    }

    private final Map<String, Object> root;

    private Kubeconfig(Map<String, Object> root) {
        this.root = root;
    }

    public static Kubeconfig empty() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", "v1");
        root.put("kind", "Config");
        root.put("clusters", new ArrayList<>());
        root.put("contexts", new ArrayList<>());
        root.put("current-context", "");
        root.put("preferences", new LinkedHashMap<>());
        root.put("users", new ArrayList<>());
        return new Kubeconfig(root);
    }

    /** The file, or an empty config when there is none; an unreadable file is an error naming it. */
    public static Kubeconfig readOrEmpty(Path file) {
        return Files.exists(file) ? read(file) : empty();
    }

    public static Kubeconfig read(Path file) {
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
            throw new IllegalArgumentException("client config " + file + " must be a kubeconfig (a YAML mapping of "
                    + "clusters, users, contexts and current-context)");
        }
        Map<String, Object> tree = copy(map);
        boolean kubeconfig = tree.containsKey("apiVersion") || tree.containsKey("kind") || tree.containsKey("clusters")
                || tree.containsKey("contexts") || tree.containsKey("users") || tree.containsKey("current-context");
        return kubeconfig ? new Kubeconfig(tree) : migrate(tree, file);
    }

    /** An earlier orc config, {@code server: ...} and so on, as the kubeconfig of one context. */
    private static Kubeconfig migrate(Map<String, Object> old, Path file) {
        for (String key : old.keySet()) {
            if (!OLD_FIELDS.contains(key)) {
                throw new IllegalArgumentException("client config " + file + ": unknown field \"" + key
                        + "\" (a kubeconfig has apiVersion, kind, clusters, users, contexts and current-context)");
            }
        }
        String server = text(old.get("server"), "server", file);
        String ca = text(old.get("certificateAuthority"), "certificateAuthority", file);
        Path base = file.toAbsolutePath().getParent();
        ClientConfig config = new ClientConfig(server == null ? List.of() : ClientConfig.parseServers(server),
                text(old.get("token"), "token", file), ca == null ? null : base.resolve(ca),
                text(old.get("namespace"), "namespace", file));
        return empty().withContext(MIGRATED, config).withCurrentContext(MIGRATED);
    }

    public String currentContext() {
        Object current = root.get("current-context");
        return current instanceof String s ? s : "";
    }

    public List<Context> contexts() {
        List<Context> contexts = new ArrayList<>();
        for (Map<String, Object> entry : entries("contexts")) {
            Map<String, Object> context = child(entry, "context");
            contexts.add(new Context(String.valueOf(entry.get("name")), string(context.get("cluster")),
                    string(context.get("user")), string(context.get("namespace"))));
        }
        return contexts;
    }

    public Optional<Context> context(String name) {
        return contexts().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * The config of context {@code name} (the current one when null or empty): its cluster's servers and CA, its
     * user's token, its namespace. No current context means nothing configured.
     */
    public ClientConfig clientConfig(String name, Path file) {
        String wanted = name == null || name.isEmpty() ? currentContext() : name;
        if (wanted.isEmpty()) {
            return ClientConfig.empty();
        }
        Context context = context(wanted).orElseThrow(() -> new IllegalArgumentException("context \"" + wanted
                + "\" is not in client config " + file + " (orc config get-contexts lists them)"));
        Map<String, Object> cluster = named("clusters", context.cluster(), "cluster");
        Map<String, Object> user = named("users", context.user(), "user");
        Path base = file.toAbsolutePath().getParent();
        if (cluster.containsKey("certificate-authority-data")) {
            throw new IllegalArgumentException("client config " + file + ": cluster \"" + context.cluster()
                    + "\" gives certificate-authority-data, which orc does not read; give the CA file as certificate-authority");
        }
        String ca = string(cluster.get("certificate-authority"));
        return new ClientConfig(servers(cluster), string(user.get("token")), ca == null ? null : base.resolve(ca),
                context.namespace(), localSocket(cluster, base));
    }

    /** With a cluster, a user and a context all named {@code name}, made or replaced, holding {@code config}. */
    public Kubeconfig withContext(String name, ClientConfig config) {
        Map<String, Object> tree = copy(root);
        Map<String, Object> cluster = new LinkedHashMap<>();
        if (!config.servers().isEmpty()) {
            cluster.put("server", config.server().toString());
        }
        List<Object> extensions = new ArrayList<>();
        if (config.servers().size() > 1) {
            extensions.add(extension(SERVERS_EXTENSION, "servers", config.servers().stream().map(URI::toString).toList()));
        }
        if (config.localSocket() != null) {
            extensions.add(extension(LocalSocket.EXTENSION, "path", config.localSocket().toAbsolutePath().toString()));
        }
        if (!extensions.isEmpty()) {
            cluster.put("extensions", extensions);
        }
        if (config.certificateAuthority() != null) {
            cluster.put("certificate-authority", config.certificateAuthority().toAbsolutePath().toString());
        }
        Map<String, Object> user = new LinkedHashMap<>();
        if (config.token() != null) {
            user.put("token", config.token());
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("cluster", name);
        context.put("user", name);
        if (config.namespace() != null) {
            context.put("namespace", config.namespace());
        }
        put(tree, "clusters", name, "cluster", cluster);
        put(tree, "users", name, "user", user);
        put(tree, "contexts", name, "context", context);
        return new Kubeconfig(tree);
    }

    public Kubeconfig withCurrentContext(String name) {
        Map<String, Object> tree = copy(root);
        tree.put("current-context", name);
        return new Kubeconfig(tree);
    }

    public String yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(root);
    }

    /** Writes the file readable by its owner only, atomically. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, ".config", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system has no POSIX permissions; the file keeps its defaults
            }
            Files.writeString(temporary, yaml(), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write client config " + file + ": " + e.getMessage(), e);
        }
    }

    /** This config with the entries of {@code later} it lacks, as kubectl merges the files of $KUBECONFIG. */
    Kubeconfig mergedWith(Kubeconfig later) {
        Map<String, Object> tree = copy(root);
        for (String list : List.of("clusters", "users", "contexts")) {
            List<Object> merged = new ArrayList<>(list(tree, list));
            for (Map<String, Object> entry : later.entries(list)) {
                if (list(tree, list).stream().noneMatch(e -> e instanceof Map<?, ?> m && entry.get("name").equals(m.get("name")))) {
                    merged.add(copy(entry));
                }
            }
            tree.put(list, merged);
        }
        if (currentContext().isEmpty()) {
            tree.put("current-context", later.currentContext());
        }
        return new Kubeconfig(tree);
    }

    /** A kubeconfig extension as minikube's look: a name, and an object without a kind, which kubectl ignores. */
    private static Map<String, Object> extension(String name, String field, Object value) {
        Map<String, Object> extension = new LinkedHashMap<>();
        extension.put(field, value);
        Map<String, Object> named = new LinkedHashMap<>();
        named.put("name", name);
        named.put("extension", extension);
        return named;
    }

    /** The value of {@code field} in the cluster's extension named {@code name}, or null. */
    private static Object extensionField(Map<String, Object> cluster, String name, String field) {
        if (cluster.get("extensions") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> named && name.equals(named.get("name"))
                        && named.get("extension") instanceof Map<?, ?> extension) {
                    return extension.get(field);
                }
            }
        }
        return null;
    }

    private static List<URI> servers(Map<String, Object> cluster) {
        if (extensionField(cluster, SERVERS_EXTENSION, "servers") instanceof List<?> servers && !servers.isEmpty()) {
            return servers.stream().map(s -> ClientConfig.parseServer(String.valueOf(s))).toList();
        }
        String server = string(cluster.get("server"));
        return server == null ? List.of() : ClientConfig.parseServers(server);
    }

    private static Path localSocket(Map<String, Object> cluster, Path base) {
        return extensionField(cluster, LocalSocket.EXTENSION, "path") instanceof String path && !path.isBlank()
                ? base.resolve(path) : null;
    }

    private Map<String, Object> named(String list, String name, String field) {
        for (Map<String, Object> entry : entries(list)) {
            if (String.valueOf(entry.get("name")).equals(name)) {
                return child(entry, field);
            }
        }
        return Map.of();
    }

    private List<Map<String, Object>> entries(String list) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Object item : list(root, list)) {
            if (item instanceof Map<?, ?> map && map.get("name") != null) {
                entries.add(copy(map));
            }
        }
        return entries;
    }

    private static void put(Map<String, Object> tree, String list, String name, String field, Map<String, Object> value) {
        List<Object> items = new ArrayList<>(list(tree, list));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put(field, value);
        int at = -1;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Map<?, ?> m && name.equals(m.get("name"))) {
                at = i;
            }
        }
        if (at >= 0) {
            items.set(at, entry);
        } else {
            items.add(entry);
        }
        tree.put(list, items);
    }

    private static List<?> list(Map<String, Object> tree, String name) {
        return tree.get(name) instanceof List<?> l ? l : List.of();
    }

    private static Map<String, Object> child(Map<String, Object> entry, String field) {
        return entry.get(field) instanceof Map<?, ?> map ? copy(map) : Map.of();
    }

    private static String string(Object value) {
        return value instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    private static String text(Object value, String key, Path file) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("client config " + file + ": " + key + " must be a string, got " + value);
        }
        return s.isBlank() ? null : s.strip();
    }

    private static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), copyValue(v)));
        return copy;
    }

    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return copy(map);
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list.stream().map(Kubeconfig::copyValue).toList());
        }
        return value;
    }
}
