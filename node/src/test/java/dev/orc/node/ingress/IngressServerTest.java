package dev.orc.node.ingress;

import dev.orc.node.testing.WebSocketEchoClient;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.orc.api.ingress.RouteTable;
import dev.orc.api.ingress.RouteTableBuilder;
import dev.orc.api.json.Json;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Ingress;
import dev.orc.api.model.IngressClass;
import dev.orc.api.model.Service;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.SettingsFrame;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingress listener on loopback in front of two small HTTP servers: routing, headers, errors, TLS by SNI, HTTP/2. */
class IngressServerTest {
    private static final TestCertificates A = TestCertificates.selfSigned("a.localhost");
    private static final TestCertificates B = TestCertificates.selfSigned("b.localhost");

    private final List<HttpServer> backends = new ArrayList<>();
    private final List<Server> jettyBackends = new ArrayList<>();
    private IngressServer ingress;
    private final HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient secure = HttpClient.newBuilder().sslContext(TestCertificates.trusting(List.of(A, B)))
            .connectTimeout(Duration.ofSeconds(5)).build();
    private int web;
    private int api;

    @BeforeEach
    void start() throws IOException {
        web = backend("web", Duration.ZERO);
        api = backend("api", Duration.ofSeconds(3));
        ingress = IngressServer.start(IngressConfig.OFF.withPorts(0, 0));
    }

    @AfterEach
    void stop() {
        ingress.close();
        backends.forEach(server -> server.stop(0));
        for (Server server : jettyBackends) {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The ingress listens on its node's addresses only: on every interface it would take port 80 of each Service's
     * cluster IP (an address on the same machine) from the service proxy, and answer that Service's clients 404.
     */
    @Test
    void leavesItsPortOnOtherAddressesOfTheMachineFree() throws Exception {
        try (java.net.ServerSocket clusterIp = new java.net.ServerSocket(ingress.httpPort(), 1,
                java.net.InetAddress.getByName("127.0.0.2"));
             java.net.ServerSocket secureClusterIp = new java.net.ServerSocket(ingress.httpsPort(), 1,
                     java.net.InetAddress.getByName("127.0.0.2"))) {
            assertThat(List.of(clusterIp.getLocalPort(), secureClusterIp.getLocalPort()))
                    .containsExactly(ingress.httpPort(), ingress.httpsPort());
        }
    }

    @Test
    void routesByHostAndPathToTheServicesEndpoints() throws Exception {
        apply(ingress(""), true);

        assertThat(get("http://web.localhost:%d/index.html")).isEqualTo("200 web /index.html");
        assertThat(get("http://web.localhost:%d/api/v1/items?x=1")).isEqualTo("200 api /api/v1/items?x=1");
        assertThat(get("http://deeper.other.localhost:%d/")).startsWith("404");
    }

    @Test
    void passesTheClientAndTheOriginalHostToTheBackend() throws Exception {
        apply(ingress(""), true);

        HttpResponse<String> response = plain.send(HttpRequest.newBuilder(uri("http://web.localhost:%d/headers"))
                .header("X-Forwarded-For", "203.0.113.7").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).contains("xff=203.0.113.7, 127.0.0.1", "proto=http",
                "host=web.localhost:" + ingress.httpPort(), "fhost=web.localhost:" + ingress.httpPort());
    }

    @Test
    void answers503WithoutReadyEndpointsAndServesAsSoonAsThereAreSome() throws Exception {
        apply(ingress(""), false);
        assertThat(get("http://web.localhost:%d/")).startsWith("503");

        apply(ingress(""), true);
        assertThat(get("http://web.localhost:%d/")).isEqualTo("200 web /");
    }

    @Test
    void choosesTheCertificateByServerNameAndSpeaksHttp2() throws Exception {
        apply(ingress(""), true);

        for (String host : List.of("a.localhost", "b.localhost")) {
            HttpResponse<String> response = secure.send(HttpRequest.newBuilder(
                    URI.create("https://" + host + ":" + ingress.httpsPort() + "/tls")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.body()).isEqualTo("web /tls proto=https");
            X509Certificate presented = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
            assertThat(presented.getSubjectX500Principal().getName()).isEqualTo("CN=" + host);
        }
    }

    @Test
    void redirectsPlainHttpOfATlsHostToHttps() throws Exception {
        apply(ingress(""), true);

        HttpResponse<String> response = plain.send(HttpRequest.newBuilder(uri("http://a.localhost:%d/x?y=1")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(308);
        assertThat(response.headers().firstValue("Location"))
                .contains("https://a.localhost:" + ingress.httpsPort() + "/x?y=1");
    }

    @Test
    void appliesTheNginxAnnotations() throws Exception {
        apply(ingress("""
                annotations:
                    nginx.ingress.kubernetes.io/rewrite-target: /
                    nginx.ingress.kubernetes.io/proxy-body-size: 10
                    nginx.ingress.kubernetes.io/proxy-read-timeout: "1"
                """), true);

        assertThat(get("http://web.localhost:%d/api/v1")).startsWith("504");
        assertThat(get("http://web.localhost:%d/static/app.js")).isEqualTo("200 web /static/app.js");
        HttpResponse<String> tooBig = plain.send(HttpRequest.newBuilder(uri("http://web.localhost:%d/upload"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(11))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(chunked("x".repeat(11)).statusCode()).isEqualTo(413);
        assertThat(chunked("x".repeat(10)).statusCode()).isEqualTo(200);
    }

    /** A POST whose body has no Content-Length: HTTP/1.1 chunked. */
    private HttpResponse<String> chunked(String body) throws Exception {
        return plain.send(HttpRequest.newBuilder(uri("http://web.localhost:%d/upload"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void reachesAnHttpsBackendWhateverItsCertificate() throws Exception {
        web = httpsBackend("secure-web");
        apply(ingress("""
                annotations:
                    nginx.ingress.kubernetes.io/backend-protocol: HTTPS
                """), true);

        assertThat(get("http://web.localhost:%d/page")).isEqualTo("200 secure-web /page");
    }

    @Test
    void triesTheNextEndpointWhenOneRefusesTheConnection() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Endpoints both = read(Endpoints.class, "{metadata: {name: web, namespace: shop}, subsets: ["
                + "{addresses: [{ip: 127.0.0.1}], ports: [{name: http, port: " + closed + "}]},"
                + "{addresses: [{ip: 127.0.0.1}], ports: [{name: http, port: " + web + "}]}]}");
        ingress.apply(RouteTableBuilder.build(List.of(ingress("")), List.of(IngressClass.orc()), List.of(read(Service.class,
                "{metadata: {name: web, namespace: shop}, spec: {ports: [{name: http, port: 80}]}}")), List.of(both)), Map.of());

        for (int i = 0; i < 4; i++) {
            assertThat(get("http://web.localhost:%d/x")).isEqualTo("200 web /x");
        }
    }

    @Test
    void answers502WhenTheBackendRefuses() throws Exception {
        apply(ingress(""), true);
        backends.getFirst().stop(0);

        assertThat(get("http://web.localhost:%d/")).startsWith("502");
    }

    @Test
    void carriesAWebSocketToTheBackendInTheClearAndOverTls() throws Exception {
        web = echoBackend();
        apply(ingress(""), true);

        assertThat(WebSocketEchoClient.exchange(plain, uri("ws://web.localhost:%d/echo"))).containsExactly("echo one", "echo two");
        assertThat(WebSocketEchoClient.exchange(secure, URI.create("wss://a.localhost:" + ingress.httpsPort() + "/echo")))
                .containsExactly("echo one", "echo two");
    }

    /**
     * WebSockets go through the ingress over HTTP/1.1 only, so its HTTP/2 settings must not offer RFC 8441's extended
     * CONNECT: a browser that saw the offer would open them as CONNECT streams on its HTTP/2 connection, which the
     * ingress does not carry. They bound the streams a client may open at once, as nginx does.
     */
    @Test
    void offersNoExtendedConnectAndAtMost128StreamsOverHttp2() throws Exception {
        HTTP2Client client = new HTTP2Client();
        client.start();
        try {
            CompletableFuture<Map<Integer, Integer>> settings = new CompletableFuture<>();
            client.connect(new InetSocketAddress("127.0.0.1", ingress.httpPort()),
                    new org.eclipse.jetty.http2.api.Session.Listener() {
                        @Override
                        public void onSettings(org.eclipse.jetty.http2.api.Session session, SettingsFrame frame) {
                            settings.complete(frame.getSettings());
                        }
                    }).get(10, TimeUnit.SECONDS);

            assertThat(settings.get(10, TimeUnit.SECONDS)).isNotEmpty()
                    .doesNotContainEntry(SettingsFrame.ENABLE_CONNECT_PROTOCOL, 1)
                    .containsEntry(SettingsFrame.MAX_CONCURRENT_STREAMS, 128);
        } finally {
            client.stop();
        }
    }

    /** A WebSocket server on loopback answering each text message at /echo with "echo " and the message. */
    private int echoBackend() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server,
                container -> container.addMapping("/echo", (request, response, callback) -> new Echo())));
        server.start();
        jettyBackends.add(server);
        return connector.getLocalPort();
    }

    public static final class Echo implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText("echo " + message, org.eclipse.jetty.websocket.api.Callback.NOOP);
        }
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = plain.send(HttpRequest.newBuilder(uri(url)).timeout(Duration.ofSeconds(20))
                .build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private URI uri(String url) {
        return URI.create(url.formatted(ingress.httpPort()));
    }

    private void apply(Ingress ingress, boolean ready) {
        List<Service> services = List.of(read(Service.class, "{metadata: {name: web, namespace: shop}, spec: {ports: [{name: http, port: 80}]}}"),
                read(Service.class, "{metadata: {name: api, namespace: shop}, spec: {ports: [{port: 8080}]}}"));
        String subsets = ready ? "[{addresses: [{ip: 127.0.0.1}], ports: [{name: %s, port: %d}]}]" : "[]";
        List<Endpoints> endpoints = List.of(
                read(Endpoints.class, "{metadata: {name: web, namespace: shop}, subsets: " + subsets.formatted("http", web) + "}"),
                read(Endpoints.class, "{metadata: {name: api, namespace: shop}, subsets: "
                        + subsets.replace("name: %s, ", "%s").formatted("", api) + "}"));
        RouteTable table = RouteTableBuilder.build(List.of(ingress), List.of(IngressClass.orc()), services, endpoints);
        this.ingress.apply(table, Map.of("shop/a-tls", TlsKeys.of(A.secret("shop", "a-tls")),
                "shop/b-tls", TlsKeys.of(B.secret("shop", "b-tls"))));
    }

    private static Ingress ingress(String metadata) {
        return read(Ingress.class, """
                metadata:
                  name: web
                  namespace: shop
                  %s
                spec:
                  tls:
                    - {hosts: [a.localhost], secretName: a-tls}
                    - {hosts: [b.localhost], secretName: b-tls}
                  rules:
                    - host: web.localhost
                      http:
                        paths:
                          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
                          - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 8080}}}}
                    - host: "*.localhost"
                      http:
                        paths:
                          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
                """.formatted(metadata.strip()));
    }

    /** A backend over TLS with a self-signed certificate no one trusts. */
    private int httpsBackend(String name) throws Exception {
        TlsKeys keys = TlsKeys.of(TestCertificates.selfSigned("pod.internal").secret("shop", "pod"));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("pod", keys.key(), new char[0], keys.chain());
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return serve(server, name, Duration.ZERO);
    }

    private int backend(String name, Duration delay) throws IOException {
        return serve(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), name, delay);
    }

    private int serve(HttpServer server, String name, Duration delay) {
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            String body = name + " " + path;
            if (path.equals("/headers")) {
                body += " xff=" + exchange.getRequestHeaders().getFirst("X-Forwarded-For")
                        + " proto=" + exchange.getRequestHeaders().getFirst("X-Forwarded-Proto")
                        + " host=" + exchange.getRequestHeaders().getFirst("Host")
                        + " fhost=" + exchange.getRequestHeaders().getFirst("X-Forwarded-Host");
            } else if (path.equals("/tls")) {
                body += " proto=" + exchange.getRequestHeaders().getFirst("X-Forwarded-Proto");
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        backends.add(server);
        return server.getAddress().getPort();
    }

    private static <T> T read(Class<T> type, String yaml) {
        return Json.convert(Json.mapper().valueToTree(new Yaml().load(yaml)), type);
    }
}
