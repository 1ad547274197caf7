package dev.orc.api.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Http1Client} with a {@link LocalSocket}: requests for its server go through the socket while the socket is
 * the user's own and closed to others and answers, and to the server's TCP address otherwise.
 */
class LocalSocketClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    /** Answers every request with {@code body}; {@code silent}: reads requests and never answers. */
    private void serve(java.io.InputStream in, OutputStream out, String body, List<String> seen, boolean silent)
            throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            seen.add(line);
            for (String header = reader.readLine(); header != null && !header.isEmpty(); header = reader.readLine()) {
                seen.add(header);
            }
            if (!silent) {
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        }
    }

    private URI tcpServer(List<String> seen) throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        open.add(socket);
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Socket connection = socket.accept();
                    Thread.ofVirtual().start(() -> {
                        try (connection) {
                            serve(connection.getInputStream(), connection.getOutputStream(), "tcp", seen, false);
                        } catch (IOException gone) {
                            // the client went away
                        }
                    });
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    private Path unixServer(List<String> seen, boolean silent) throws IOException {
        Path path = dir.resolve("api.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        open.add(server);
        open.add(() -> Files.deleteIfExists(path));
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    SocketChannel connection = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (connection) {
                            serve(Channels.newInputStream(connection), Channels.newOutputStream(connection), "unix", seen,
                                    silent);
                        } catch (IOException gone) {
                            // the client went away
                        }
                    });
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        return path;
    }

    private static String body(Http1Client client, URI server) throws IOException {
        return new String(client.send(server.toString(), "GET", "/api/v1/pods", Map.of("Authorization", "Bearer t"),
                null, TIMEOUT).body(), StandardCharsets.UTF_8);
    }

    @Test
    void requestsForTheSocketsServerGoThroughItWithTheServersHostAndTheSameHeaders() throws IOException {
        List<String> overTcp = new CopyOnWriteArrayList<>();
        List<String> overUnix = new CopyOnWriteArrayList<>();
        URI server = tcpServer(overTcp);
        Path socket = unixServer(overUnix, false);
        Http1Client client = new Http1Client(() -> null, TIMEOUT, new LocalSocket(socket, server));

        assertThat(body(client, server)).isEqualTo("unix");
        assertThat(body(client, server)).isEqualTo("unix");
        assertThat(overUnix).contains("GET /api/v1/pods HTTP/1.1", "Host: 127.0.0.1:" + server.getPort(),
                "Authorization: Bearer t");
        assertThat(overTcp).isEmpty();
    }

    @Test
    void anotherServerIsReachedOverTcpEvenWhileTheSocketServes() throws IOException {
        List<String> overTcp = new CopyOnWriteArrayList<>();
        URI other = tcpServer(overTcp);
        Path socket = unixServer(new CopyOnWriteArrayList<>(), false);
        Http1Client client = new Http1Client(() -> null, TIMEOUT,
                new LocalSocket(socket, URI.create("https://127.0.0.1:1")));

        assertThat(body(client, other)).isEqualTo("tcp");
    }

    @Test
    void aSocketOthersMayOpenIsNeverSentTheToken() throws IOException {
        List<String> overUnix = new CopyOnWriteArrayList<>();
        URI server = tcpServer(new CopyOnWriteArrayList<>());
        Path socket = unixServer(overUnix, false);
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        Http1Client client = new Http1Client(() -> null, TIMEOUT, new LocalSocket(socket, server));

        assertThat(body(client, server)).isEqualTo("tcp");
        assertThat(overUnix).isEmpty();
    }

    @Test
    void aFileThatIsNotASocketOrASocketNobodyServesLeavesRequestsToTcp() throws IOException {
        URI server = tcpServer(new CopyOnWriteArrayList<>());
        Path plainFile = Files.writeString(dir.resolve("plain"), "not a socket");
        Files.setPosixFilePermissions(plainFile, PosixFilePermissions.fromString("rw-------"));
        Path stale = dir.resolve("stale.sock");
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(stale));
        }
        Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("rw-------"));

        assertThat(body(new Http1Client(() -> null, TIMEOUT, new LocalSocket(plainFile, server)), server)).isEqualTo("tcp");
        assertThat(body(new Http1Client(() -> null, TIMEOUT, new LocalSocket(stale, server)), server)).isEqualTo("tcp");
        assertThat(body(new Http1Client(() -> null, TIMEOUT, new LocalSocket(dir.resolve("absent.sock"), server)), server))
                .isEqualTo("tcp");
    }

    @Test
    void aServerThatNeverAnswersOnTheSocketTimesTheRequestOut() throws IOException {
        URI server = tcpServer(new CopyOnWriteArrayList<>());
        Path socket = unixServer(new CopyOnWriteArrayList<>(), true);
        Http1Client client = new Http1Client(() -> null, TIMEOUT, new LocalSocket(socket, server));

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.send(server.toString(), "GET", "/api", Map.of(), null, Duration.ofMillis(300)))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
    }
}
