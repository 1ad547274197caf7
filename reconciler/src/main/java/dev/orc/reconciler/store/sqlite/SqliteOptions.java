package dev.orc.reconciler.store.sqlite;

import dev.orc.api.wait.MonotonicClock;

import java.time.Clock;
import java.time.Duration;

/**
 * Tuning of a {@link SqliteStore}. {@code pollInterval}: how often a watch looks for new rows even
 * without a notification (the safety net); {@code leaseCheckInterval}: how often expired leases are
 * reaped; {@code compactInterval}/{@code retainRevisions}: the background compaction keeps at least
 * that many recent revisions; {@code clock}: the time leases expire by.
 */
public record SqliteOptions(Duration pollInterval, Duration leaseCheckInterval, Duration compactInterval,
                            long retainRevisions, Clock clock) {
    public SqliteOptions {
        requirePositive("pollInterval", pollInterval);
        requirePositive("leaseCheckInterval", leaseCheckInterval);
        requirePositive("compactInterval", compactInterval);
        if (retainRevisions < 0) {
            throw new IllegalArgumentException("retainRevisions must not be negative, got " + retainRevisions);
        }
    }

    public static SqliteOptions defaults() {
        return new SqliteOptions(Duration.ofSeconds(1), Duration.ofMillis(250), Duration.ofMinutes(5), 10_000,
                MonotonicClock.system());
    }

    public SqliteOptions withClock(Clock newClock) {
        return new SqliteOptions(pollInterval, leaseCheckInterval, compactInterval, retainRevisions, newClock);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }
}
