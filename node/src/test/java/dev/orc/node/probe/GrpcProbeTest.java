package dev.orc.node.probe;

import dev.orc.api.model.Container;
import dev.orc.api.model.Probe;
import dev.orc.node.pod.ManualClock;
import dev.orc.node.runtime.fake.FakeRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** grpc probes against an HTTP/2 cleartext health server on loopback standing in for the pod's IP. */
class GrpcProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final ActionProber prober = new ActionProber(new FakeRuntime(new ManualClock(Instant.EPOCH)));

    @AfterEach
    void stop() {
        prober.close();
    }

    private ProbeOutcome check(int port, String service, Duration timeout) {
        Probe probe = new Probe(null, null, null, new Probe.Grpc(port, service), null, null, null, null, null, null);
        return prober.probe(new ProbeTarget(Container.of("app", "img"), "id", "127.0.0.1"), probe, timeout);
    }

    @Test
    void servingIsASuccessForTheServerAsAWholeAndForANamedService() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.withHealth().status("", 1).status("db", 1)) {
            assertThat(check(server.port(), null, TIMEOUT)).isEqualTo(ProbeOutcome.ok());
            assertThat(check(server.port(), "db", TIMEOUT)).isEqualTo(ProbeOutcome.ok());
            assertThat(server.lastHeader(":authority")).isEqualTo("127.0.0.1:" + server.port());
            assertThat(server.lastHeader("content-type")).isEqualTo("application/grpc");
            assertThat(server.lastHeader("grpc-timeout")).isEqualTo("5000m");
        }
    }

    @Test
    void notServingIsAFailureNamingTheStatus() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.withHealth().status("db", 2)) {
            assertThat(check(server.port(), "db", TIMEOUT))
                    .isEqualTo(ProbeOutcome.failed("service unhealthy (responded with \"NOT_SERVING\")"));
        }
    }

    @Test
    void anUnknownServiceIsAFailureQuotingTheGrpcStatus() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.withHealth().status("", 1)) {
            assertThat(check(server.port(), "cache", TIMEOUT)).isEqualTo(ProbeOutcome.failed(
                    "error: health rpc probe failed: rpc error: code = NotFound desc = unknown service"));
        }
    }

    @Test
    void aServerWithoutTheHealthServiceIsAFailureSayingSo() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.withoutHealth()) {
            assertThat(check(server.port(), null, TIMEOUT)).isEqualTo(ProbeOutcome.failed(
                    "error: this server does not implement the grpc health protocol (grpc.health.v1.Health): "
                            + "rpc error: code = Unimplemented desc = unknown service grpc.health.v1.Health"));
        }
    }

    @Test
    void noServerIsAConnectFailure() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ProbeOutcome outcome = check(closed, null, TIMEOUT);
        assertThat(outcome.success()).isFalse();
        assertThat(outcome.message()).startsWith("error: failed to connect service at \"127.0.0.1:" + closed + "\": ")
                .containsIgnoringCase("connection refused");
    }

    @Test
    void aServerThatDoesNotAnswerWithinTheTimeoutIsATimeout() throws Exception {
        try (GrpcHealthServer server = GrpcHealthServer.withHealth()) {
            long start = System.nanoTime();
            assertThat(check(server.port(), GrpcHealthServer.SILENT, Duration.ofMillis(300)))
                    .isEqualTo(ProbeOutcome.failed("timeout: health rpc did not complete within 300ms"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aServerSpeakingHttp1IsAFailureNotAHang() throws Exception {
        try (ServerSocket http1 = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> {
                try (var socket = http1.accept()) {
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n".getBytes());
                } catch (IOException e) {
                    // the test's probe outcome says what went wrong
                }
            });
            ProbeOutcome outcome = check(http1.getLocalPort(), null, TIMEOUT);
            assertThat(outcome.success()).isFalse();
            assertThat(outcome.message()).startsWith("error: health rpc probe failed: ");
        }
    }

    @Test
    void aPortOutOfRangeFailsNamingIt() {
        assertThat(check(70000, null, TIMEOUT))
                .isEqualTo(ProbeOutcome.failed("grpc probe port 70000 is not between 1 and 65535"));
    }
}
