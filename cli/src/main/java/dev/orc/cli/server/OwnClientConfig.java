package dev.orc.cli.server;

import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.Kubeconfig;
import dev.orc.reconciler.apiserver.ServerFiles;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The CLI's configuration a server leaves, a kubeconfig context named after its data directory ({@link #contextName}):
 * always alone in {@code DATA_DIR/client.yaml}, and added to (or updated in) the user's file ({@code ~/.orc/config},
 * {@code $ORC_CONFIG} or the first file of {@code $KUBECONFIG}) beside every other context, which stays as it was. The
 * server's context becomes the current one only when the file has none, when it already is, or when the current one
 * names this server's address alone: a benchmark's or a test's server never takes the user's CLI away from their
 * cluster. A user file that cannot be read is left alone.
 */
final class OwnClientConfig {
    private OwnClientConfig() {
    }

    /** {@code orc} for the default data directory {@code ~/.orc}, else {@code orc-DIRNAME-HASH} (stable per directory). */
    static String contextName(Path dataDir, Path defaultDataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (dir.equals(defaultDataDir.toAbsolutePath().normalize())) {
            return "orc";
        }
        String base = dir.getFileName() == null ? "root" : dir.getFileName().toString().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9.-]", "-");
        return "orc-" + base + "-" + HexFormat.of().toHexDigits(dir.toString().hashCode());
    }

    /**
     * Writes both files as above and returns the one whose current context is this server; {@code localSocket} is
     * where the server also listens for the CLI on this machine (null: nowhere).
     */
    static Path write(Path userFile, Path dataDir, String context, URI server, String token, Path ca, Path localSocket) {
        Path own = dataDir.resolve("client.yaml");
        ServerFiles.writeClientConfig(own, context, new ClientConfig(List.of(server), token, ca,
                ClientConfig.DEFAULT_NAMESPACE, localSocket));
        Kubeconfig user;
        try {
            user = Kubeconfig.readOrEmpty(userFile);
        } catch (IllegalArgumentException unreadable) {
            return own;
        }
        String namespace = user.context(context).map(Kubeconfig.Context::namespace).orElse(ClientConfig.DEFAULT_NAMESPACE);
        boolean current = !Files.exists(userFile) || takesCurrent(user, userFile, context, server);
        Kubeconfig updated = user.withContext(context, new ClientConfig(List.of(server), token, ca, namespace, localSocket));
        (current ? updated.withCurrentContext(context) : updated).write(userFile);
        return current ? userFile : own;
    }

    /** One line saying which file and context configure the CLI for this server. */
    static String describe(Path userFile, Path written, String context) {
        return written.equals(userFile) ? "client configuration written to " + written + " (context " + context + ")"
                : "context " + context + " added to " + userFile + ", whose current context names another server and was "
                        + "left as it is (orc config use-context " + context + ", or ORC_CONFIG=" + written + " orc get pods)";
    }

    private static boolean takesCurrent(Kubeconfig user, Path file, String context, URI server) {
        String current = user.currentContext();
        if (current.isEmpty() || current.equals(context)) {
            return true;
        }
        try {
            return user.clientConfig(current, file).servers().equals(List.of(server));
        } catch (IllegalArgumentException dangling) {
            return false;
        }
    }
}
