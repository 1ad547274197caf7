package dev.orc.node.probe;

import dev.orc.api.model.Container;
import dev.orc.api.model.Probe;
import dev.orc.node.pod.ManualClock;
import dev.orc.node.runtime.fake.FakeRuntime;
import dev.orc.reconciler.store.etcd.LocalEtcd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * grpc probes against a real gRPC server: etcd serves grpc.health.v1 on its client port, as in the Kubernetes docs'
 * example of a gRPC liveness probe. It answers SERVING for the server as a whole and NOT_FOUND for other services.
 */
class GrpcProbeOnEtcdTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static LocalEtcd etcd;
    private static int port;
    private final ActionProber prober = new ActionProber(new FakeRuntime(new ManualClock(Instant.EPOCH)));

    @BeforeAll
    static void startEtcd(@TempDir Path data) {
        assumeTrue(LocalEtcd.findBinary() != null, "etcd is not installed");
        etcd = LocalEtcd.start(data);
        port = URI.create(etcd.endpoint()).getPort();
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    private ProbeOutcome check(String service) {
        Probe probe = new Probe(null, null, null, new Probe.Grpc(port, service), null, null, null, null, null, null);
        return prober.probe(new ProbeTarget(Container.of("etcd", "etcd"), "id", "127.0.0.1"), probe, TIMEOUT);
    }

    @AfterEach
    void closeProber() {
        prober.close();
    }

    @Test
    void etcdAsAWholeIsServing() {
        assertThat(check("")).isEqualTo(ProbeOutcome.ok());
    }

    @Test
    void aServiceEtcdDoesNotKnowIsAFailureSayingNotFound() {
        assertThat(check("no.such.Service").message())
                .startsWith("error: health rpc probe failed: rpc error: code = NotFound desc = ");
    }
}
