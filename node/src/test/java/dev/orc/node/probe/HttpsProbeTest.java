package dev.orc.node.probe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import dev.orc.api.model.Container;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.Probe;
import dev.orc.node.ingress.TestCertificates;
import dev.orc.node.ingress.TlsKeys;
import dev.orc.node.pod.ManualClock;
import dev.orc.node.runtime.fake.FakeRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** httpGet with scheme HTTPS against a loopback server holding a self-signed certificate for another name. */
class HttpsProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final TestCertificates CERTIFICATE = TestCertificates.selfSigned("app.example");

    private final ActionProber prober = new ActionProber(new FakeRuntime(new ManualClock(Instant.EPOCH)));
    private final AtomicReference<String> hostHeader = new AtomicReference<>();
    private final AtomicReference<String> serverName = new AtomicReference<>();
    private final AtomicInteger loops = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpsServer server;
    private int port;

    @BeforeEach
    void serve() throws Exception {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext()));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/healthz", exchange -> {
            hostHeader.set(exchange.getRequestHeaders().getFirst("Host"));
            serverName.set(((ExtendedSSLSession) ((HttpsExchange) exchange).getSSLSession()).getRequestedServerNames()
                    .stream().map(name -> ((SNIHostName) name).getAsciiName()).findFirst().orElse("none"));
            respond(exchange, 200, null);
        });
        server.createContext("/broken", exchange -> respond(exchange, 500, null));
        server.createContext("/moved", exchange -> respond(exchange, 302, "/healthz"));
        server.createContext("/moved-to-broken", exchange -> respond(exchange, 301, "/broken"));
        server.createContext("/elsewhere", exchange -> respond(exchange, 302, "https://other.invalid/broken"));
        server.createContext("/loop", exchange -> respond(exchange, 307, "/loop?n=" + loops.incrementAndGet()));
        server.createContext("/slow", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, null);
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        prober.close();
    }

    private static void respond(HttpExchange exchange, int status, String location) throws IOException {
        if (location != null) {
            exchange.getResponseHeaders().set("Location", location);
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private ProbeOutcome get(String host, String path, Duration timeout, Probe.HttpHeader... headers) {
        Probe probe = new Probe(null, new Probe.HttpGet(path, IntOrString.of(port), host, "HTTPS", List.of(headers)),
                null, null, null, null, null, null, null, null);
        return prober.probe(new ProbeTarget(Container.of("app", "img"), "id", "127.0.0.1"), probe, timeout);
    }

    @Test
    void succeedsWithoutVerifyingASelfSignedCertificateForAnotherName() {
        assertThat(get(null, "/healthz", TIMEOUT)).isEqualTo(ProbeOutcome.ok());
        assertThat(hostHeader.get()).isEqualTo("127.0.0.1:" + port);
        assertThat(serverName.get()).as("no SNI for an address").isEqualTo("none");
    }

    @Test
    void sendsTheHostFieldAsSniAndTheHostHeaderOfHttpHeaders() {
        assertThat(get("localhost", "/healthz", TIMEOUT, new Probe.HttpHeader("Host", "app.example")))
                .isEqualTo(ProbeOutcome.ok());
        assertThat(serverName.get()).isEqualTo("localhost");
        assertThat(hostHeader.get()).isEqualTo("app.example");
    }

    @Test
    void failsOnA500SayingTheStatus() {
        assertThat(get(null, "/broken", TIMEOUT)).isEqualTo(ProbeOutcome.failed("HTTP probe failed with statuscode: 500"));
    }

    @Test
    void failsWhenTheServerDoesNotAnswerWithinTheTimeout() {
        long start = System.nanoTime();
        ProbeOutcome outcome = get(null, "/slow", Duration.ofMillis(300));
        assertThat(outcome).isEqualTo(ProbeOutcome.failed("Get \"https://127.0.0.1:" + port + "/slow\": timeout after 300ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void followsRedirectsToTheSameHost() {
        assertThat(get(null, "/moved", TIMEOUT)).isEqualTo(ProbeOutcome.ok());
        assertThat(hostHeader.get()).as("the redirect reached /healthz").isNotNull();
        assertThat(get(null, "/moved-to-broken", TIMEOUT))
                .isEqualTo(ProbeOutcome.failed("HTTP probe failed with statuscode: 500"));
    }

    @Test
    void aRedirectToAnotherHostEndsTheProbeAsASuccessWithoutFollowingIt() {
        assertThat(get(null, "/elsewhere", TIMEOUT)).isEqualTo(ProbeOutcome.ok());
    }

    @Test
    void stopsAfterTenRequestsOfRedirects() {
        assertThat(get(null, "/loop", TIMEOUT).message()).endsWith("/loop?n=10\": stopped after 10 redirects");
        assertThat(loops.get()).as("requests made").isEqualTo(10);
    }

    @Test
    void aPlainHttpProbeOfATlsPortFails() {
        Probe probe = new Probe(null, new Probe.HttpGet("/healthz", IntOrString.of(port), null, "HTTP", List.of()),
                null, null, null, null, null, null, null, null);
        ProbeOutcome outcome = prober.probe(new ProbeTarget(Container.of("app", "img"), "id", "127.0.0.1"), probe,
                TIMEOUT);
        assertThat(outcome.success()).isFalse();
        assertThat(outcome.message()).startsWith("Get \"http://127.0.0.1:" + port + "/healthz\": ");
    }

    @Test
    void aHeaderThatWouldSplitTheRequestFailsNamingIt() {
        assertThat(get(null, "/healthz", TIMEOUT, new Probe.HttpHeader("X-Evil", "a\r\nX-Injected: b")))
                .isEqualTo(ProbeOutcome.failed("httpHeaders: the value of header X-Evil has a line break"));
    }

    private static SSLContext serverContext() throws Exception {
        TlsKeys keys = TlsKeys.of(CERTIFICATE.secret("default", "tls"));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.key(), new char[0], keys.chain());
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }
}
