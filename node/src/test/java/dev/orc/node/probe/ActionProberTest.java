package dev.orc.node.probe;

import com.sun.net.httpserver.HttpServer;
import dev.orc.api.model.Container;
import dev.orc.api.model.ContainerPort;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.Probe;
import dev.orc.node.pod.ManualClock;
import dev.orc.node.runtime.fake.FakeRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** httpGet and tcpSocket against a loopback server standing in for the pod's IP. */
class ActionProberTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final ActionProber prober = new ActionProber(new FakeRuntime(new ManualClock(Instant.EPOCH)));
    private final AtomicReference<String> header = new AtomicReference<>();
    private HttpServer server;
    private Container container;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/healthz", exchange -> {
            header.set(exchange.getRequestHeaders().getFirst("X-Probe"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        container = Container.of("app", "img").withPorts(List.of(
                new ContainerPort("http", server.getAddress().getPort(), null, null, "TCP")));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ProbeOutcome get(String path, IntOrString port) {
        Probe probe = new Probe(null, new Probe.HttpGet(path, port, null, "HTTP",
                List.of(new Probe.HttpHeader("X-Probe", "yes"))), null, null, null, null, null, null, null, null);
        return prober.probe(new ProbeTarget(container, "id", "127.0.0.1"), probe, TIMEOUT);
    }

    @Test
    void anExecTheRuntimeCannotRunIsAnErrorNotAFailure() {
        Probe probe = new Probe(new Probe.Exec(List.of("cat", "/tmp/healthy")), null, null, null, null, null, null, null,
                null, null);
        ProbeOutcome outcome = prober.probe(new ProbeTarget(container, "no-such-container", "127.0.0.1"), probe, TIMEOUT);
        assertThat(outcome.errored()).isTrue();
        assertThat(outcome.success()).isFalse();
    }

    @Test
    void httpGetSucceedsOnA2xxByNamedPortSendingItsHeaders() {
        assertThat(get("/healthz", IntOrString.of("http"))).isEqualTo(ProbeOutcome.ok());
        assertThat(header.get()).isEqualTo("yes");
    }

    @Test
    void httpGetFailsOnA5xxSayingTheStatus() {
        assertThat(get("/broken", IntOrString.of(server.getAddress().getPort())))
                .isEqualTo(ProbeOutcome.failed("HTTP probe failed with statuscode: 503"));
    }

    @Test
    void unknownPortNameFailsNamingIt() {
        assertThat(get("/healthz", IntOrString.of("metrics")).message()).contains("no port named \"metrics\"");
    }

    @Test
    void tcpSocketSucceedsWhenSomethingListensAndFailsWhenNothingDoes() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ProbeTarget target = new ProbeTarget(container, "id", "127.0.0.1");
        Probe open = new Probe(null, null, new Probe.TcpSocket(IntOrString.of("http"), null), null, null, null, null,
                null, null, null);
        Probe shut = new Probe(null, null, new Probe.TcpSocket(IntOrString.of(closed), null), null, null, null, null,
                null, null, null);

        assertThat(prober.probe(target, open, TIMEOUT).success()).isTrue();
        assertThat(prober.probe(target, shut, TIMEOUT).message()).startsWith("dial tcp 127.0.0.1:" + closed + ": ");
    }
}
