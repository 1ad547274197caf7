package dev.orc.node.probe;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeTrackerTest {
    private final ProbeTracker liveness = new ProbeTracker(ProbeKind.LIVENESS,
            new ProbeTiming(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 3), Instant.EPOCH);

    @Test
    void probesThatCouldNotRunCountNeitherAsFailuresNorAsSuccesses() {
        assertThat(liveness.record(ProbeOutcome.failed("exit 1"))).isEmpty();
        for (int i = 0; i < 10; i++) {
            assertThat(liveness.record(ProbeOutcome.errored("Cannot connect to the Docker daemon"))).isEmpty();
        }
        assertThat(liveness.record(ProbeOutcome.failed("exit 1"))).isEmpty();
        assertThat(liveness.lastMessage()).isEqualTo("exit 1");
        assertThat(liveness.record(ProbeOutcome.failed("exit 1"))).hasValue(false);
    }
}
