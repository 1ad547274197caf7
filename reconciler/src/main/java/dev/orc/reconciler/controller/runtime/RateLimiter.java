package dev.orc.reconciler.controller.runtime;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * How long a key waits before its next retry: per-key exponential backoff ({@code base * 2^failures}, capped),
 * and never sooner than a global token bucket allows, as client-go's default controller rate limiter does.
 */
public final class RateLimiter<K> {
    private final Duration base;
    private final Duration max;
    private final double tokensPerSecond;
    private final int burst;
    private final InstantSource clock;
    private final Map<K, Integer> failures = new HashMap<>();
    private double tokens;
    private Instant lastRefill;

    public RateLimiter(Duration base, Duration max, double tokensPerSecond, int burst, InstantSource clock) {
        this.base = base;
        this.max = max;
        this.tokensPerSecond = tokensPerSecond;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.lastRefill = clock.instant();
    }

    /** 5 ms doubling to 5 minutes per key; 10 retries per second with bursts of 100 overall. */
    public static <K> RateLimiter<K> defaults(InstantSource clock) {
        return new RateLimiter<>(Duration.ofMillis(5), Duration.ofMinutes(5), 10, 100, clock);
    }

    /** The delay before retrying {@code key}, counting this as one more failure. */
    public synchronized Duration when(K key) {
        int count = failures.merge(key, 1, Integer::sum);
        Duration backoff = count > 40 ? max : base.multipliedBy(1L << Math.min(count - 1, 40));
        if (backoff.compareTo(max) > 0) {
            backoff = max;
        }
        Duration bucket = takeToken();
        return backoff.compareTo(bucket) >= 0 ? backoff : bucket;
    }

    public synchronized int failures(K key) {
        return failures.getOrDefault(key, 0);
    }

    /** The key succeeded: its next failure starts from the base delay again. */
    public synchronized void forget(K key) {
        failures.remove(key);
    }

    private Duration takeToken() {
        Instant now = clock.instant();
        double elapsed = Duration.between(lastRefill, now).toNanos() / 1e9;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * tokensPerSecond);
            lastRefill = now;
        }
        tokens -= 1;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) (-tokens / tokensPerSecond * 1e9));
    }
}
