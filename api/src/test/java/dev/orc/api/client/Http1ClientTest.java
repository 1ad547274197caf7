package dev.orc.api.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@link Http1Client} against a server written byte by byte, for what a ready-made HTTP server never does. */
class Http1ClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Answers each request on a connection with the next of the connection's scripted answers, then closes it. */
    private static final class RawServer implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger closed = new AtomicInteger();
        private final List<String> requestLines = new CopyOnWriteArrayList<>();

        RawServer(List<List<String>> answersPerConnection) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Socket connection = socket.accept();
                        List<String> answers = answersPerConnection.get(connections.getAndIncrement());
                        Thread.ofVirtual().start(() -> serve(connection, answers));
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
        }

        private void serve(Socket connection, List<String> answers) {
            try (connection) {
                BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                OutputStream out = connection.getOutputStream();
                for (String answer : answers) {
                    String line = in.readLine();
                    requestLines.add(line);
                    int length = 0;
                    for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                        if (header.toLowerCase().startsWith("content-length:")) {
                            length = Integer.parseInt(header.substring(15).strip());
                        }
                    }
                    in.skip(length);
                    out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            } catch (IOException gone) {
                // the client went away
            } finally {
                closed.incrementAndGet();
            }
        }

        String base() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private RawServer server;
    private final Http1Client client = new Http1Client(null, Duration.ofSeconds(5));

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private Http1Response get(String path) throws IOException {
        return client.send(server.base(), "GET", path, Map.of(), null, TIMEOUT);
    }

    @Test
    void aChunkedAnswerWithExtensionsAndTrailersIsReadWholeAndItsConnectionServesTheNextRequest() throws IOException {
        server = new RawServer(List.of(List.of(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nWarning: 299 - \"one\"\r\nWarning: 299 - \"two\"\r\n\r\n"
                        + "5;note=x\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")));

        Http1Response first = get("/a?x=1");
        Http1Response second = get("/b");

        assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("hello world");
        assertThat(first.allValues("WARNING")).containsExactly("299 - \"one\"", "299 - \"two\"");
        assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
        assertThat(server.requestLines).containsExactly("GET /a?x=1 HTTP/1.1", "GET /b HTTP/1.1");
        assertThat(server.connections.get()).isEqualTo(1);
    }

    @Test
    void anAnswerWithoutLengthIsReadToTheEndOfItsConnectionWhichIsThenNotKept() throws IOException {
        server = new RawServer(List.of(List.of("HTTP/1.1 404 Not Found\r\n\r\n{\"kind\":\"Status\"}"),
                List.of("HTTP/1.1 204 No Content\r\n\r\n")));

        Http1Response first = get("/a");
        Http1Response second = get("/b");

        assertThat(first.statusCode()).isEqualTo(404);
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("{\"kind\":\"Status\"}");
        assertThat(second.statusCode()).isEqualTo(204);
        assertThat(server.connections.get()).isEqualTo(2);
    }

    @Test
    void aGetOnAKeptConnectionTheServerClosedIsSentOnceMoreOnANewOne() throws IOException {
        server = new RawServer(List.of(List.of("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"),
                List.of("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb")));

        get("/first");
        Http1Response again = get("/second");

        assertThat(new String(again.body(), StandardCharsets.UTF_8)).isEqualTo("b");
        assertThat(server.requestLines).containsExactly("GET /first HTTP/1.1", "GET /second HTTP/1.1");
        assertThat(server.connections.get()).isEqualTo(2);
    }

    @Test
    void aWriteIsNeverSentOnAKeptConnectionTheServerHasClosed() throws IOException {
        server = new RawServer(List.of(List.of("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"),
                List.of("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}")));
        get("/first");
        await().atMost(TIMEOUT).until(() -> server.closed.get() == 1);

        Http1Response created = client.send(server.base(), "POST", "/things", Map.of("Content-Type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8), TIMEOUT);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(server.requestLines).containsExactly("GET /first HTTP/1.1", "POST /things HTTP/1.1");
    }

    @Test
    void anAnswerThatStopsHalfwayIsAnErrorNotATruncatedBody() throws IOException {
        server = new RawServer(List.of(List.of("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")));

        assertThatThrownBy(() -> get("/a")).isInstanceOf(IOException.class)
                .hasMessageContaining("after 3 of 10 bytes");
    }

    @Test
    void anAnswerThatDoesNotComeInTimeIsATimeout() throws IOException {
        server = new RawServer(List.of(List.of("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")));
        server.close();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String base = "http://127.0.0.1:" + silent.getLocalPort();

            assertThatThrownBy(() -> client.send(base, "GET", "/", Map.of(), null, Duration.ofMillis(300)))
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }
}
