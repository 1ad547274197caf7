package dev.orc.api.wait;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    private final Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void growsByTheFactorFromTheBase() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 1.5).delay(3)).isEqualTo(Duration.ofMillis(2250));
    }

    @Test
    void neverWaitsLongerThanTheCapHoweverManyFailures() {
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void noFailureMeansNoWait() {
        assertThat(backoff.delay(0)).isZero();
    }

    @Test
    void failuresGrowUntilASuccessResetsThemToTheBase() {
        Backoff.Failures failures = backoff.failures();
        assertThat(failures.next()).isEqualTo(Duration.ofMillis(100));
        assertThat(failures.next()).isEqualTo(Duration.ofMillis(200));
        assertThat(failures.next()).isEqualTo(Duration.ofMillis(400));
        assertThat(failures.count()).isEqualTo(3);

        failures.reset();

        assertThat(failures.count()).isZero();
        assertThat(failures.next()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void eachStreamOfFailuresCountsOnItsOwn() {
        Backoff.Failures first = backoff.failures();
        first.next();
        first.next();
        assertThat(backoff.failures().next()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void rejectsACapBelowTheBaseOrAShrinkingFactor() {
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("base PT2S, cap PT1S");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5))
                .hasMessageContaining("factor 0.5");
    }
}
