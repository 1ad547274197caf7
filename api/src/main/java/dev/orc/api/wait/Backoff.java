package dev.orc.api.wait;

import java.time.Duration;

/**
 * Capped exponential backoff, as client-go's {@code wait.Backoff}: after {@code n} consecutive failures wait
 * {@code base * factor^(n-1)}, at most {@code cap}. The policy is a value; {@link Failures} counts one stream of
 * failures against it and starts over after a success.
 */
public record Backoff(Duration base, Duration cap, double factor) {

    public Backoff {
        if (base.isNegative() || cap.compareTo(base) < 0 || !(factor >= 1)) {
            throw new IllegalArgumentException("backoff needs 0 <= base <= cap and factor >= 1, got base " + base
                    + ", cap " + cap + ", factor " + factor);
        }
    }

    /** Doubling from {@code base} up to {@code cap}. */
    public static Backoff exponential(Duration base, Duration cap) {
        return new Backoff(base, cap, 2);
    }

    /** The wait after {@code failures} consecutive failures: none for zero, {@code base} for one. */
    public Duration delay(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        double nanos = base.toNanos() * Math.pow(factor, failures - 1);
        return nanos >= cap.toNanos() ? cap : Duration.ofNanos((long) nanos);
    }

    /** A fresh count of failures against this policy. */
    public Failures failures() {
        return new Failures(this);
    }

    /** One stream of consecutive failures. Not thread-safe: its owner guards it. */
    public static final class Failures {
        private final Backoff backoff;
        private int count;

        private Failures(Backoff backoff) {
            this.backoff = backoff;
        }

        /** Counts one more failure and returns how long to wait before the next attempt. */
        public Duration next() {
            if (count < Integer.MAX_VALUE) {
                count++;
            }
            return backoff.delay(count);
        }

        /** The attempt succeeded: the next failure waits {@code base} again. */
        public void reset() {
            count = 0;
        }

        public int count() {
            return count;
        }
    }
}
