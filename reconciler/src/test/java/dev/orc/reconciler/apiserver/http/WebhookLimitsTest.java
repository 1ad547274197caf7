package dev.orc.reconciler.apiserver.http;

import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook's rate limits and replay memory stay bounded whatever names and ids a sender makes up. */
class WebhookLimitsTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void aBurstPassesThenTheRefillRateDoes() {
        DeliveryLimiter limiter = new DeliveryLimiter(3, 2, 10, clock);

        assertThat(limiter.tryTake("a")).isTrue();
        assertThat(limiter.tryTake("a")).isTrue();
        assertThat(limiter.tryTake("a")).isTrue();
        assertThat(limiter.tryTake("a")).isFalse();
        assertThat(limiter.tryTake("b")).isTrue();
        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.tryTake("a")).isTrue();
        assertThat(limiter.tryTake("a")).isFalse();
    }

    @Test
    void newKeysAreRefusedWhileEveryKeptBucketIsInUseAndAdmittedOnceOnesRefill() {
        DeliveryLimiter limiter = new DeliveryLimiter(2, 1, 2, clock);
        assertThat(limiter.tryTake("a")).isTrue();
        assertThat(limiter.tryTake("b")).isTrue();

        assertThat(limiter.tryTake("c")).isFalse();

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryTake("c")).isTrue();
    }

    @Test
    void aDeliveryIdIsRememberedForTheWindowAndTheOldestGoFirst() {
        RecentDeliveries recent = new RecentDeliveries(Duration.ofMinutes(10), 2);
        Instant start = clock.instant();

        assertThat(recent.firstTime("one", start)).isTrue();
        assertThat(recent.firstTime("one", start.plusSeconds(60))).isFalse();
        assertThat(recent.firstTime("one", start.plus(Duration.ofMinutes(11)))).isTrue();
        assertThat(recent.firstTime("two", start.plus(Duration.ofMinutes(11)))).isTrue();
        assertThat(recent.firstTime("three", start.plus(Duration.ofMinutes(11)))).isTrue();
        assertThat(recent.firstTime("one", start.plus(Duration.ofMinutes(12)))).isTrue();
    }
}
