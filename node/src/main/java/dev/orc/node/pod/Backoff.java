package dev.orc.node.pod;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key exponential backoff as the kubelet keeps it for crashing containers and failing pulls:
 * the first attempt is free, each further one waits {@code initial}, then twice as long, up to
 * {@code max}. A key left alone for {@code resetAfter} (a container that ran that long) starts over.
 */
public final class Backoff {

    /** Kubernetes' CrashLoopBackOff: 10 s doubling to 5 min, reset after 10 min of running. */
    public static Backoff crashLoop(Clock clock) {
        return new Backoff(clock, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(10));
    }

    private record Entry(Duration delay, Instant lastAttempt) {
    }

    private final Clock clock;
    private final Duration initial;
    private final Duration max;
    private final Duration resetAfter;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public Backoff(Clock clock, Duration initial, Duration max, Duration resetAfter) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got initial " + initial + ", max " + max);
        }
        this.clock = clock;
        this.initial = initial;
        this.max = max;
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
            if (entry == null || !now.isBefore(entry.lastAttempt().plus(resetAfter))) {
                return new Entry(initial, now);
            }
            Duration doubled = entry.delay().multipliedBy(2);
            return new Entry(doubled.compareTo(max) > 0 ? max : doubled, now);
        });
    }

    /** Forgets every key of a prefix, e.g. all of a pod that is gone. */
    public void forget(String keyPrefix) {
        entries.keySet().removeIf(k -> k.startsWith(keyPrefix));
    }
}
