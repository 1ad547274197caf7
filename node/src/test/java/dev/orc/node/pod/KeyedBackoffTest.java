package dev.orc.node.pod;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedBackoffTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2024-05-01T12:00:00Z"));
    private final KeyedBackoff backoff = KeyedBackoff.crashLoop(clock);

    @Test
    void firstAttemptIsFreeThenWaitsDoubleUpToFiveMinutes() {
        assertThat(backoff.blockedUntil("k")).isEmpty();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            backoff.recordAttempt("k");
            waits.add(backoff.currentDelay("k").toSeconds());
            clock.advance(backoff.currentDelay("k"));
        }
        assertThat(waits).containsExactly(10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L);
    }

    @Test
    void attemptIsBlockedUntilTheDelayHasPassed() {
        backoff.recordAttempt("k");
        clock.advance(Duration.ofSeconds(9));
        assertThat(backoff.blockedUntil("k")).contains(Instant.parse("2024-05-01T12:00:10Z"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(backoff.blockedUntil("k")).isEmpty();
    }

    @Test
    void tenMinutesWithoutAnAttemptStartsOverAtTenSeconds() {
        backoff.recordAttempt("k");
        backoff.recordAttempt("k");
        backoff.recordAttempt("k");
        assertThat(backoff.currentDelay("k")).isEqualTo(Duration.ofSeconds(40));
        clock.advance(Duration.ofMinutes(10));
        backoff.recordAttempt("k");
        assertThat(backoff.currentDelay("k")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void keysAreIndependentAndForgottenByPrefix() {
        backoff.recordAttempt("pod1/a");
        backoff.recordAttempt("pod2/a");
        backoff.forget("pod1/");
        assertThat(backoff.blockedUntil("pod1/a")).isEmpty();
        assertThat(backoff.blockedUntil("pod2/a")).isPresent();
    }
}
