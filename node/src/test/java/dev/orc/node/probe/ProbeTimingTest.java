package dev.orc.node.probe;

import dev.orc.api.model.Probe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeTimingTest {

    private static Probe probe(Integer delay, Integer timeout, Integer period, Integer success, Integer failure) {
        return new Probe(new Probe.Exec(List.of("true")), null, null, null, delay, timeout, period, success, failure, null);
    }

    @Test
    void unsetFieldsTakeKubernetesDefaults() {
        assertThat(ProbeTiming.of(probe(null, null, null, null, null), ProbeKind.READINESS)).isEqualTo(
                new ProbeTiming(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(10), 1, 3));
    }

    @Test
    void givenFieldsAreKeptAndNonsenseIsRaisedToTheMinimum() {
        assertThat(ProbeTiming.of(probe(5, 2, 3, 2, 4), ProbeKind.READINESS)).isEqualTo(
                new ProbeTiming(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(3), 2, 4));
        assertThat(ProbeTiming.of(probe(-1, 0, 0, 0, 0), ProbeKind.READINESS)).isEqualTo(
                new ProbeTiming(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1));
    }

    @Test
    void livenessAndStartupNeedOneSuccessWhateverTheySay() {
        assertThat(ProbeTiming.of(probe(null, null, null, 5, null), ProbeKind.LIVENESS).successThreshold()).isEqualTo(1);
        assertThat(ProbeTiming.of(probe(null, null, null, 5, null), ProbeKind.STARTUP).successThreshold()).isEqualTo(1);
    }
}
