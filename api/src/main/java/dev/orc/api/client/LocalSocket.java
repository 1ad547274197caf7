package dev.orc.api.client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The Unix domain socket where an orc server on this machine also listens, named by the server's own client
 * configuration beside its HTTPS address (the kubeconfig cluster extension {@value #EXTENSION}, which kubectl
 * ignores). Requests to that address go through the socket as plain HTTP with the same token, and so skip the TLS
 * handshake, which is most of what a short command costs a fresh JVM. The socket is used only while the current user
 * owns it and no one else may open it (no group or other permission), so that a file another user left at that path
 * never receives the token; one that cannot be connected (the server stopped) is left for the configured address.
 * Env {@value #ENV_SWITCH}{@code =off} leaves it unused.
 */
public record LocalSocket(Path path, URI server) {
    public static final String EXTENSION = "orc.dev/local-socket";
    public static final String ENV_SWITCH = "ORC_LOCAL_SOCKET";
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** Whether requests to {@code origin} ({@code scheme://authority}) may go through this socket. */
    boolean serves(String origin) {
        return origin.equals(server.getScheme() + "://" + server.getRawAuthority());
    }

    /** Whether the socket is there, a socket, the current user's, and closed to everyone else. */
    boolean trustworthy() {
        try {
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isOther()
                    && attributes.owner().equals(FileSystems.getDefault().getUserPrincipalLookupService()
                            .lookupPrincipalByName(System.getProperty("user.name")))
                    && attributes.permissions().stream().noneMatch(OTHERS::contains);
        } catch (IOException | UnsupportedOperationException absentOrNotPosix) {
            return false;
        }
    }
}
