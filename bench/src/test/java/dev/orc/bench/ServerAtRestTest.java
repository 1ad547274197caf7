package dev.orc.bench;

import dev.orc.bench.ServerAtRest.Sample;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerAtRestTest {
    @Test
    void twoQuietSamplesWithTheSameCpuRateAreAtRest() {
        assertThat(new Sample(0.2, 0.060).restsAfter(new Sample(0.0, 0.075))).isTrue();
    }

    @Test
    void theFirstSampleAloneIsNotAtRest() {
        assertThat(new Sample(0.0, 0.05).restsAfter(null)).isFalse();
    }

    @Test
    void writesAboveTheIdleServersOwnInEitherSampleAreNotAtRest() {
        assertThat(new Sample(0.0, 0.05).restsAfter(new Sample(12.0, 0.05))).isFalse();
        assertThat(new Sample(0.8, 0.05).restsAfter(new Sample(0.0, 0.05))).isFalse();
    }

    @Test
    void aCpuRateStillFallingIsNotAtRest() {
        assertThat(new Sample(0.0, 0.10).restsAfter(new Sample(0.0, 0.17))).isFalse();
    }
}
