package dev.orc.api.workqueue;

import dev.orc.api.wait.Backoff;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * How long a key waits before its next retry: per-key exponential {@link Backoff}, and never sooner than a global
 * token bucket allows, as client-go's default controller rate limiter does.
 */
public final class RateLimiter<K> {
    private final Backoff backoff;
    private final double tokensPerSecond;
    private final int burst;
    private final InstantSource clock;
    private final Map<K, Integer> failures = new HashMap<>();
    private double tokens;
    private Instant lastRefill;

    public RateLimiter(Backoff backoff, double tokensPerSecond, int burst, InstantSource clock) {
        this.backoff = backoff;
        this.tokensPerSecond = tokensPerSecond;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.lastRefill = clock.instant();
    }

    /** 5 ms doubling to 5 minutes per key; 10 retries per second with bursts of 100 overall. */
    public static <K> RateLimiter<K> defaults(InstantSource clock) {
        return new RateLimiter<>(Backoff.exponential(Duration.ofMillis(5), Duration.ofMinutes(5)), 10, 100, clock);
    }

    /** The delay before retrying {@code key}, counting this as one more failure. */
    public synchronized Duration when(K key) {
        Duration delay = backoff.delay(failures.merge(key, 1, Integer::sum));
        Duration bucket = takeToken();
        return delay.compareTo(bucket) >= 0 ? delay : bucket;
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
