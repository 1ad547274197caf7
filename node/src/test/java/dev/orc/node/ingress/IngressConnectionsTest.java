package dev.orc.node.ingress;

import dev.orc.api.ingress.RouteTable;
import dev.orc.api.ingress.RouteTableBuilder;
import dev.orc.api.json.Json;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Ingress;
import dev.orc.api.model.IngressClass;
import dev.orc.api.model.Service;
import com.sun.net.httpserver.HttpServer;
import dev.orc.node.net.UnverifiedServers;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The proxy's connections: backend connections kept and reused, a kept one the backend closed replaced without the
 * client seeing it, pipelined requests answered in order, a large streamed response and upload passed whole, HTTP/2 by prior
 * knowledge on the plain port, and BoringSSL for TLS where its native library is shipped (Linux x86-64).
 */
@Timeout(60)
class IngressConnectionsTest {
    private final HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final IngressServer ingress = IngressServer.start(IngressConfig.OFF.withPorts(0, 0));

    @AfterEach
    void stop() throws Exception {
        ingress.close();
        for (AutoCloseable resource : closing) {
            resource.close();
        }
    }

    @Test
    void keepsBackendConnectionsAndReusesThem() throws Exception {
        RawBackend backend = backend(false);
        route(backend.port());

        for (int i = 0; i < 5; i++) {
            assertThat(get("/n" + i)).isEqualTo("200 GET /n" + i);
        }

        assertThat(backend.connections.get()).isEqualTo(1);
    }

    @Test
    void replacesAKeptConnectionTheBackendClosed() throws Exception {
        RawBackend backend = backend(true);
        route(backend.port());

        for (int i = 0; i < 3; i++) {
            assertThat(get("/again")).isEqualTo("200 GET /again");
        }

        assertThat(backend.connections.get()).isEqualTo(3);
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        RawBackend backend = backend(false);
        route(backend.port());

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ingress.httpPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /one HTTP/1.1\r\nHost: web.localhost\r\n\r\n"
                    + "GET /two HTTP/1.1\r\nHost: web.localhost\r\n\r\n"
                    + "GET /three HTTP/1.1\r\nHost: web.localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(all.indexOf("GET /one")).isLessThan(all.indexOf("GET /two"));
            assertThat(all.indexOf("GET /two")).isLessThan(all.indexOf("GET /three")).isPositive();
        }
    }

    @Test
    void streamsALargeResponseWhole() throws Exception {
        int size = 8 * 1024 * 1024;
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        closing.add(server);
        Thread.ofVirtual().start(() -> {
            try (Socket socket = server.accept()) {
                readHead(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.ISO_8859_1);
                for (int sent = 0; sent < size; sent += chunk.length) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException ignored) {
                // the test fails on the client's side
            }
        });
        route(server.getLocalPort());

        HttpResponse<byte[]> response = http1.send(request("/big"), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(size);
    }

    @Test
    void streamsALargeUploadWholeWhenTheIngressSetsNoLimit() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            long length = exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            byte[] body = Long.toString(length).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        closing.add(() -> server.stop(0));
        route(server.getAddress().getPort(), "annotations: {nginx.ingress.kubernetes.io/proxy-body-size: \"0\"}");
        byte[] upload = new byte[16 * 1024 * 1024];

        HttpResponse<String> response = http1.send(HttpRequest.newBuilder(URI.create("http://web.localhost:"
                        + ingress.httpPort() + "/upload")).POST(HttpRequest.BodyPublishers.ofByteArray(upload))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo(Integer.toString(upload.length));
    }

    @Test
    void speaksHttp2ByPriorKnowledgeOnThePlainPort() throws Exception {
        RawBackend backend = backend(false);
        route(backend.port());
        HTTP2Client client = new HTTP2Client();
        client.start();
        closing.add(client::stop);
        Session session = client.connect(new InetSocketAddress("127.0.0.1", ingress.httpPort()), new Session.Listener() {
        }).get(10, TimeUnit.SECONDS);
        CompletableFuture<Integer> status = new CompletableFuture<>();

        session.newStream(new HeadersFrame(new MetaData.Request("GET", HttpURI.from("http://web.localhost/h2"),
                HttpVersion.HTTP_2, HttpFields.EMPTY), null, true), new Stream.Listener() {
            @Override
            public void onHeaders(Stream stream, HeadersFrame frame) {
                if (frame.getMetaData() instanceof MetaData.Response response) {
                    status.complete(response.getStatus());
                }
            }
        }).get(10, TimeUnit.SECONDS);

        assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    }

    @Test
    void closesATlsConnectionWithoutACertificateAndServesOn() throws Exception {
        RawBackend backend = backend(false);
        route(backend.port());

        try (Socket socket = UnverifiedServers.context().getSocketFactory().createSocket("127.0.0.1",
                ingress.httpsPort())) {
            assertThatThrownBy(() -> ((SSLSocket) socket).startHandshake()).isInstanceOf(IOException.class);
        }

        assertThat(get("/after")).isEqualTo("200 GET /after");
    }

    @Test
    void servesTlsThroughBoringSslOnLinuxX8664() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"));

        assertThat(new ServingTls().engine()).isEqualTo("BoringSSL");
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http1.send(request(path), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://web.localhost:" + ingress.httpPort() + path))
                .timeout(Duration.ofSeconds(20)).build();
    }

    private RawBackend backend(boolean closeAfterEach) throws IOException {
        RawBackend backend = new RawBackend(closeAfterEach);
        closing.add(backend);
        return backend;
    }

    private void route(int backendPort) {
        route(backendPort, "");
    }

    private void route(int backendPort, String metadata) {
        Ingress ingress = read(Ingress.class, """
                metadata:
                  name: web
                  namespace: shop
                  %s
                spec:
                  rules:
                    - host: web.localhost
                      http:
                        paths:
                          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
                """.formatted(metadata));
        Service service = read(Service.class, "{metadata: {name: web, namespace: shop}, spec: {ports: [{port: 80}]}}");
        Endpoints endpoints = read(Endpoints.class, "{metadata: {name: web, namespace: shop}, subsets: "
                + "[{addresses: [{ip: 127.0.0.1}], ports: [{port: " + backendPort + "}]}]}");
        RouteTable table = RouteTableBuilder.build(List.of(ingress), List.of(IngressClass.orc()), List.of(service),
                List.of(endpoints));
        this.ingress.apply(table, Map.of());
    }

    private static <T> T read(Class<T> type, String yaml) {
        return Json.convert(Json.mapper().valueToTree(new org.yaml.snakeyaml.Yaml().load(yaml)), type);
    }

    private static String readHead(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
        String first = reader.readLine();
        for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
            // the headers are not needed
        }
        return first;
    }

    /**
     * A backend answering each GET with its method and path, keeping its connections open, or closing each after
     * its answer without saying so (as a server whose keep-alive timeout passed); counts the connections it accepted.
     */
    private static final class RawBackend implements AutoCloseable {
        final AtomicInteger connections = new AtomicInteger();
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        RawBackend(boolean closeAfterEach) throws IOException {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        connections.incrementAndGet();
                        accepted.add(socket);
                        Thread.ofVirtual().start(() -> serve(socket, closeAfterEach));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        private static void serve(Socket socket, boolean closeAfterEach) {
            try (socket) {
                BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                OutputStream out = socket.getOutputStream();
                for (String first = reader.readLine(); first != null; first = reader.readLine()) {
                    for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
                        // headers: the answer needs none
                    }
                    byte[] body = first.substring(0, first.lastIndexOf(' ')).getBytes(StandardCharsets.ISO_8859_1);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                    out.flush();
                    if (closeAfterEach) {
                        return;
                    }
                }
            } catch (IOException ignored) {
                // the connection ended
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
