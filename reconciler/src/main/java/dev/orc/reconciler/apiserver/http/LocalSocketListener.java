package dev.orc.reconciler.apiserver.http;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * The API as plain HTTP/1.1 on a Unix domain socket beside its TCP port, for clients on the same machine
 * ({@link dev.orc.api.client.LocalSocket}): the socket file is made readable and writable by the server's user only,
 * the requests pass the same authentication and authorization as any other, and the file goes when the server stops.
 */
public final class LocalSocketListener {
    private LocalSocketListener() {
    }

    /**
     * Starts listening at {@code path} on {@code server} (already started), with the HTTP settings of its first
     * connector; a socket file left at the path by an earlier run is replaced, anything else there is an error, as is
     * a path longer than a socket address holds.
     */
    public static void start(Server server, Path path, Duration idleTimeout) throws IOException {
        if (path.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length
                > UnixDomainServerConnector.MAX_UNIX_DOMAIN_PATH_LENGTH) {
            throw new IOException("the socket path " + path + " is longer than the "
                    + UnixDomainServerConnector.MAX_UNIX_DOMAIN_PATH_LENGTH + " bytes a Unix domain socket address holds");
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
                throw new IOException(path + " exists and is not a socket");
            }
            Files.delete(path);
        }
        UnixDomainServerConnector connector = new UnixDomainServerConnector(server,
                new HttpConnectionFactory(httpConfiguration(server)));
        connector.setUnixDomainPath(path);
        connector.setIdleTimeout(idleTimeout.toMillis());
        server.addConnector(connector);
        try {
            connector.start();
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (Exception e) {
            server.removeConnector(connector);
            try {
                connector.stop();
            } catch (Exception ignored) {
                // it never served
            }
            throw new IOException("cannot listen on " + path + ": " + e.getMessage(), e);
        }
    }

    private static HttpConfiguration httpConfiguration(Server server) {
        for (Connector connector : server.getConnectors()) {
            HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) {
                return http.getHttpConfiguration();
            }
        }
        return new HttpConfiguration();
    }
}
