package dev.orc.api.wait;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * A clock for timers, leases and back-offs that a jump of the wall clock does not move: the wall time when it was
 * made, plus the time elapsed since then on the monotonic clock ({@link System#nanoTime()}), as Go's
 * {@code time.Now()} measures durations. An NTP step or an operator setting the date neither evicts a node nor
 * stalls a back-off; the timestamps it gives drift from the wall clock by the size of any jump until the process
 * restarts.
 */
public final class MonotonicClock extends Clock {
    private final Instant anchor;
    private final long anchorNanos;
    private final LongSupplier nanos;

    private MonotonicClock(Instant anchor, long anchorNanos, LongSupplier nanos) {
        this.anchor = anchor;
        this.anchorNanos = anchorNanos;
        this.nanos = nanos;
    }

    /** Anchored to the system's UTC wall clock now. */
    public static MonotonicClock system() {
        return anchored(Instant.now(), System::nanoTime);
    }

    /** Anchored to {@code wallNow}, advancing as {@code nanos} does (for tests). */
    public static MonotonicClock anchored(Instant wallNow, LongSupplier nanos) {
        return new MonotonicClock(wallNow, nanos.getAsLong(), nanos);
    }

    @Override
    public Instant instant() {
        return anchor.plus(Duration.ofNanos(nanos.getAsLong() - anchorNanos));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("the monotonic clock keeps UTC only");
        }
        return this;
    }
}
