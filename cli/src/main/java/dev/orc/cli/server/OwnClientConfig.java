package dev.orc.cli.server;

import dev.orc.api.client.ClientConfig;
import dev.orc.reconciler.apiserver.ServerFiles;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CLI's configuration a server leaves: always in its data directory, and in the user's file ({@code ~/.orc/config}
 * or {@code $ORC_CONFIG}) when that is absent, names this server's address alone or is what this data directory's
 * server wrote last time (it restarted on another address); never over a file of another server (a benchmark's or a
 * test's server must not take the user's CLI away from their cluster), nor over one listing several servers (the
 * user's list of a cluster's servers, which a restarting member would otherwise shrink to itself).
 */
final class OwnClientConfig {
    private OwnClientConfig() {
    }

    /** Writes both files as above and returns the one that configures a client for {@code server}. */
    static Path write(Path userFile, Path dataDir, URI server, String token, Path ca) {
        Path own = dataDir.resolve("client.yaml");
        boolean ours = !Files.exists(userFile) || sameText(userFile, own) || namesServer(userFile, server);
        ServerFiles.writeClientConfig(own, server, token, ca, ClientConfig.DEFAULT_NAMESPACE);
        if (!ours) {
            return own;
        }
        ServerFiles.writeClientConfig(userFile, server, token, ca, ClientConfig.DEFAULT_NAMESPACE);
        return userFile;
    }

    /** One line saying which file configures the CLI for this server, and why when it is not the user's. */
    static String describe(Path userFile, Path written) {
        return written.equals(userFile) ? "client configuration written to " + written
                : userFile + " names another server and was left as it is; this server's client configuration is "
                        + written + " (ORC_CONFIG=" + written + " orc get pods)";
    }

    private static boolean namesServer(Path file, URI server) {
        try {
            return ClientConfig.read(file).servers().equals(List.of(server));
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    private static boolean sameText(Path file, Path other) {
        try {
            return Files.exists(other) && Files.mismatch(file, other) == -1;
        } catch (IOException e) {
            return false;
        }
    }
}
