package dev.orc.node.pod;

import dev.orc.api.wait.Backoff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key exponential backoff as the kubelet keeps it for crashing containers and failing pulls:
 * the first attempt is free, each further one waits as the shared {@link Backoff} policy says ({@code initial},
 * then twice as long, up to {@code max}). A key left alone for {@code resetAfter} (a container that ran that long)
 * starts over.
 */
public final class KeyedBackoff {

    /** Kubernetes' CrashLoopBackOff: 10 s doubling to 5 min, reset after 10 min of running. */
    public static KeyedBackoff crashLoop(Clock clock) {
        return new KeyedBackoff(clock, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(10));
    }

    private record Entry(int attempts, Duration delay, Instant lastAttempt) {
    }

    private final Clock clock;
    private final Backoff policy;
    private final Duration resetAfter;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public KeyedBackoff(Clock clock, Duration initial, Duration max, Duration resetAfter) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got initial " + initial + ", max " + max);
        }
        this.clock = clock;
        this.policy = Backoff.exponential(initial, max);
        this.resetAfter = resetAfter;
    }

    public Instant now() {
        return clock.instant();
    }

    /** When the next attempt for the key may happen, if not now; empty when it may happen now. */
    public Optional<Instant> blockedUntil(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        Instant until = entry.lastAttempt().plus(entry.delay());
        return until.isAfter(clock.instant()) ? Optional.of(until) : Optional.empty();
    }

    /** The wait the key is serving now, for messages like {@code back-off 20s}. */
    public Duration currentDelay(String key) {
        Entry entry = entries.get(key);
        return entry == null ? Duration.ZERO : entry.delay();
    }

    /** Records an attempt made now: the next one waits the initial delay or twice the last. */
    public void recordAttempt(String key) {
        Instant now = clock.instant();
        entries.compute(key, (k, entry) -> {
            int attempts = entry == null || !now.isBefore(entry.lastAttempt().plus(resetAfter)) ? 1
                    : entry.attempts() + 1;
            return new Entry(attempts, policy.delay(attempts), now);
        });
    }

    /** Forgets every key of a prefix, e.g. all of a pod that is gone. */
    public void forget(String keyPrefix) {
        entries.keySet().removeIf(k -> k.startsWith(keyPrefix));
    }
}
