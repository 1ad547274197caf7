package dev.orc.reconciler.apiserver.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (a webhook's source, a client address): bursts pass, a flood is refused. At most
 * {@code maxKeys} buckets are kept; a full bucket is the same as none, so those are dropped first, and while every
 * kept bucket is in use a new key is refused rather than let the map grow.
 */
final class DeliveryLimiter {
    private final double burst;
    private final double refillPerSecond;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private record Bucket(double tokens, Instant at) {
        double refilled(Instant now, double burst, double refillPerSecond) {
            return Math.min(burst, tokens + Duration.between(at, now).toNanos() / 1e9 * refillPerSecond);
        }
    }

    DeliveryLimiter(double burst, double refillPerSecond, int maxKeys, Clock clock) {
        this.burst = burst;
        this.refillPerSecond = refillPerSecond;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** Whether {@code key} may go ahead now; a refusal costs nothing. */
    boolean tryTake(String key) {
        Instant now = clock.instant();
        if (!buckets.containsKey(key) && buckets.size() >= maxKeys) {
            buckets.entrySet().removeIf(entry -> entry.getValue().refilled(now, burst, refillPerSecond) >= burst);
            if (buckets.size() >= maxKeys) {
                return false;
            }
        }
        boolean[] taken = new boolean[1];
        buckets.compute(key, (k, current) -> {
            double tokens = current == null ? burst : current.refilled(now, burst, refillPerSecond);
            taken[0] = tokens >= 1;
            return new Bucket(taken[0] ? tokens - 1 : tokens, now);
        });
        return taken[0];
    }
}
