package dev.orc.cli.e2e;

import dev.orc.node.testing.WebSocketEchoClient;
import dev.orc.node.ingress.TestCertificates;
import org.eclipse.jetty.http.HttpVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 end to end: one {@code orc server} and one {@code orc node} whose ingress listens on free ports of this
 * machine; two Services behind one Ingress by host and by path, TLS by SNI for two hosts over HTTP/2, a backend
 * scaled to zero answering 503 and serving again at one, the Ingress edited while a client polls it, and a WebSocket
 * echo (a pod of {@link JavaImage} running {@code incluster.WebSocketEcho}) reached through a second Ingress in the
 * clear and over TLS by the JDK's WebSocket client. The {@link IngressClient} sends the host names but connects to
 * loopback, and the WebSocket client asks for localhost, so traffic stays on this machine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngressE2E {
    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final TestCertificates A = TestCertificates.selfSigned("a.localhost");
    private static final TestCertificates B = TestCertificates.selfSigned("b.localhost");
    private static final TestCertificates LOCALHOST = TestCertificates.selfSigned("localhost");

    @TempDir
    static Path dir;
    private static E2ECluster cluster;
    private static int http;
    private static int https;
    private static IngressClient plain;
    private static String node;

    @BeforeAll
    static void start() throws IOException {
        DockerHost.require();
        plain = IngressClient.plain();
        http = freePort();
        https = freePort();
        String echoImage = JavaImage.ensure();
        cluster = E2ECluster.server(dir, "IngressE2E");
        node = cluster.startNode("n1", "--no-dns", "--no-proxy", "--ingress-http-port", String.valueOf(http),
                "--ingress-https-port", String.valueOf(https));
        cluster.apply("apps", Manifests.namespace("ing") + app("web") + "---\n" + app("api") + "---\n"
                + echo(echoImage) + "---\n" + secret("a-tls", A) + "---\n" + secret("b-tls", B) + "---\n"
                + secret("localhost-tls", LOCALHOST) + "---\n" + ingress(""));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (plain != null) {
            plain.close();
        }
    }

    @Test
    @Order(1)
    void twoServicesBehindOneIngressByHostAndByPath() {
        cluster.await("web.localhost/ answered by web and /api/ by api", SETTLE, () -> {
            assertThat(get("http://web.localhost:" + http + "/")).isEqualTo("200 web");
            assertThat(get("http://web.localhost:" + http + "/api/")).isEqualTo("200 api");
        });
        assertThat(get("http://api.localhost:" + http + "/")).isEqualTo("200 api");
        assertThat(get("http://deeper.web.localhost:" + http + "/?q=1")).startsWith("404");
        cluster.nodeProcess(node).awaitLine(Pattern.compile(" INFO access - 127\\.0\\.0\\.1 - - "
                + "\\[\\d\\d/\\w{3}/\\d{4}(:\\d\\d){3} \\+0000] \"GET /\\?q=1 HTTP/(1\\.1|2\\.0)\" 404 \\d+ \"-\" \"[^\"]+\" \\d+ ms$"),
                SETTLE);
        cluster.await("the Ingress's address set to the node's", SETTLE, () -> assertThat(
                cluster.orc("get", "ingress", "web", "-n", "ing").succeeded().out())
                .containsPattern("web\\s+<none>\\s+web.localhost,api.localhost,a.localhost,b.localhost\\s+127.0.0.1\\s+80, 443"));
        assertThat(cluster.orc("describe", "ingress", "web", "-n", "ing").succeeded().out())
                .containsPattern("/api\\s+api:8080 \\(127\\.0\\.0\\.1:\\d+\\)");
    }

    @Test
    @Order(2)
    void twoHostsOverTlsEachWithItsCertificateOverHttp2() throws Exception {
        try (IngressClient a = IngressClient.trusting(A.certificate());
             IngressClient b = IngressClient.trusting(B.certificate())) {
            cluster.await("a.localhost and b.localhost over HTTPS/2, each with its own certificate", SETTLE, () -> {
                IngressClient.Answer web = a.answer("https://a.localhost:" + https + "/");
                IngressClient.Answer api = b.answer("https://b.localhost:" + https + "/");
                assertThat(web.text()).isEqualTo("200 web");
                assertThat(api.text()).isEqualTo("200 api");
                assertThat(web.version()).isEqualTo(HttpVersion.HTTP_2);
                assertThat(api.version()).isEqualTo(HttpVersion.HTTP_2);
            });
            assertThat(a.get("https://b.localhost:" + https + "/")).as("b.localhost's certificate is not a.localhost's")
                    .startsWith("failed:");
        }
    }

    @Test
    @Order(3)
    void aBackendScaledToZeroAnswers503AndServesAgainAtOne() {
        cluster.orc("scale", "deployment/api", "--replicas", "0", "-n", "ing").succeeded();
        cluster.await("api.localhost answering 503", SETTLE, () ->
                assertThat(get("http://api.localhost:" + http + "/")).startsWith("503"));

        cluster.orc("scale", "deployment/api", "--replicas", "1", "-n", "ing").succeeded();
        cluster.await("api.localhost served again", SETTLE, () ->
                assertThat(get("http://api.localhost:" + http + "/")).isEqualTo("200 api"));
    }

    @Test
    @Order(4)
    void rulesEditedLiveWhileAClientPollsFailNoRequest() throws Exception {
        cluster.await("web.localhost served", SETTLE, () ->
                assertThat(get("http://web.localhost:" + http + "/")).isEqualTo("200 web"));
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread poller = Thread.ofVirtual().start(() -> {
            while (polling.get()) {
                requests.incrementAndGet();
                String answer = get("http://web.localhost:" + http + "/");
                if (!answer.equals("200 web")) {
                    failures.add(answer);
                }
            }
        });
        try {
            cluster.apply("edited", ingress("""
                              - {path: /moved, pathType: Prefix, backend: {service: {name: api, port: {number: 8080}}}}
                    """));
            cluster.await("the new path served by api", SETTLE, () ->
                    assertThat(get("http://web.localhost:" + http + "/moved/")).isEqualTo("200 api"));
            cluster.apply("edited-again", ingress(""));
            cluster.await("the removed path served by web again", SETTLE, () ->
                    assertThat(get("http://web.localhost:" + http + "/moved/")).isEqualTo("200 web"));
        } finally {
            polling.set(false);
            poller.join(Duration.ofSeconds(30));
        }

        assertThat(failures).as("failed requests out of %d", requests.get()).isEmpty();
        assertThat(requests.get()).isGreaterThan(10);
    }

    @Test
    @Order(5)
    void aWebSocketEchoesThroughTheIngressInTheClearAndOverTls() throws Exception {
        cluster.await("the echo backend served", SETTLE, () ->
                assertThat(get("http://localhost:" + http + "/echo")).isEqualTo("200 websocket echo"));
        try (HttpClient clear = HttpClient.newHttpClient();
             HttpClient secure = HttpClient.newBuilder().sslContext(TestCertificates.trusting(List.of(LOCALHOST))).build()) {
            assertThat(WebSocketEchoClient.exchange(clear, URI.create("ws://localhost:" + http + "/echo")))
                    .containsExactly("echo one", "echo two");
            assertThat(WebSocketEchoClient.exchange(secure, URI.create("wss://localhost:" + https + "/echo")))
                    .containsExactly("echo one", "echo two");
        }
    }

    /** "STATUS BODY", the body stripped; a failure to connect as "failed: ...". */
    private static String get(String url) {
        return plain.get(url);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A Deployment answering its name on every path under /, /api/ and /moved/, and its Service. */
    private static String app(String name) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  namespace: ing
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: %1$s}
                  template:
                    metadata:
                      labels: {app: %1$s}
                    spec:
                      containers:
                        - name: %1$s
                          image: orc/web:1
                          command: ["sh", "-c"]
                          args:
                            - |
                              for d in /www /www/api /www/moved; do mkdir -p $d; echo %1$s > $d/index.html; done
                              exec httpd -f -p 8080 -h /www
                          ports:
                            - {name: http, containerPort: 8080}
                          readinessProbe:
                            httpGet: {path: /, port: 8080}
                            periodSeconds: 1
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: %1$s
                  namespace: ing
                spec:
                  selector: {app: %1$s}
                  ports:
                    - {name: http, port: %2$d, targetPort: http}
                """.formatted(name, name.equals("web") ? 80 : 8080);
    }

    /**
     * The WebSocket echo on {@code image}, its Service on port 80, and an Ingress serving it at localhost/echo in the
     * clear and with its own certificate. The JDK's client resolves names with dnsjava here (ahead of the node tests'
     * {@code *.localhost} resolver on this class path), which knows localhost from /etc/hosts but no other loopback
     * name, and it sends "localhost" as the TLS server name.
     */
    private static String echo(String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: echo
                  namespace: ing
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: echo}
                  template:
                    metadata:
                      labels: {app: echo}
                    spec:
                      containers:
                        - name: echo
                          image: %s
                          command: [%s, -cp, "%s", dev.orc.cli.e2e.incluster.WebSocketEcho, "8080"]
                          ports:
                            - {name: ws, containerPort: 8080}
                          readinessProbe:
                            httpGet: {path: /, port: 8080}
                            periodSeconds: 1
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: echo
                  namespace: ing
                spec:
                  selector: {app: echo}
                  ports:
                    - {name: ws, port: 80, targetPort: ws}
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: echo
                  namespace: ing
                  annotations: {nginx.ingress.kubernetes.io/ssl-redirect: "false"}
                spec:
                  tls:
                    - {hosts: [localhost], secretName: localhost-tls}
                  rules:
                    - host: localhost
                      http:
                        paths:
                          - {path: /echo, pathType: Exact, backend: {service: {name: echo, port: {name: ws}}}}
                """.formatted(image, JavaImage.JAVA, JavaImage.CLASS_PATH);
    }

    private static String secret(String name, TestCertificates certificates) {
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: %s
                  namespace: ing
                type: kubernetes.io/tls
                stringData:
                  tls.crt: |
                %s
                  tls.key: |
                %s
                """.formatted(name, certificates.certificatePem().indent(4).stripTrailing(),
                certificates.keyPem().indent(4).stripTrailing());
    }

    /** The Ingress, with {@code extraWebPaths} added to the rule of web.localhost. */
    private static String ingress(String extraWebPaths) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: web
                  namespace: ing
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
                %s    - host: api.localhost
                      http:
                        paths:
                          - {path: /, pathType: Prefix, backend: {service: {name: api, port: {number: 8080}}}}
                    - host: a.localhost
                      http:
                        paths:
                          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
                    - host: b.localhost
                      http:
                        paths:
                          - {path: /, pathType: Prefix, backend: {service: {name: api, port: {name: http}}}}
                """.formatted(extraWebPaths);
    }
}
