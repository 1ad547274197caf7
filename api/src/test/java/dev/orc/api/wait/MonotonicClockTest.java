package dev.orc.api.wait;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class MonotonicClockTest {
    @Test
    void itAdvancesWithTheMonotonicClockWhateverTheWallClockDoes() {
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        Instant start = Instant.parse("2026-12-06T08:00:00Z");
        MonotonicClock clock = MonotonicClock.anchored(start, nanos::get);

        nanos.addAndGet(Duration.ofSeconds(3).toNanos());

        assertThat(clock.instant()).isEqualTo(start.plusSeconds(3));
        assertThat(clock.millis()).isEqualTo(start.plusSeconds(3).toEpochMilli());
    }

    @Test
    void theSystemClockReadsCloseToTheWallClockAtFirst() {
        Instant before = Instant.now();
        Instant read = MonotonicClock.system().instant();
        assertThat(Duration.between(before, read).abs()).isLessThan(Duration.ofMinutes(1));
    }
}
