package dev.orc.api.workqueue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The work queue every controller uses, with client-go's guarantees: a key added many times while waiting
 * runs once; a key is never handed to two workers at once; a key added while it is being processed runs once
 * more after {@link #done}. Delayed and rate-limited adds wait on the injected clock. A key taken with
 * {@link #get} must be handed back with {@link #done}.
 */
public final class WorkQueue<K> extends KeyedQueue<K> {
    private static final Duration POLL = Duration.ofMillis(250);

    private final InstantSource clock;
    private final RateLimiter<K> rateLimiter;
    private final ArrayDeque<K> ready = new ArrayDeque<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();

    public WorkQueue(InstantSource clock, RateLimiter<K> rateLimiter) {
        super(clock, POLL);
        this.clock = clock;
        this.rateLimiter = rateLimiter;
    }

    public static <K> WorkQueue<K> create(InstantSource clock) {
        return new WorkQueue<>(clock, RateLimiter.defaults(clock));
    }

    public void add(K key) {
        lockedDo(() -> {
            if (isShutDown() || dirty.contains(key)) {
                return;
            }
            dirty.add(key);
            if (!processing.contains(key)) {
                ready.addLast(key);
                signal();
            }
        });
    }

    /** Adds the key once {@code delay} has passed; an earlier pending time for the same key wins. */
    public void addAfter(K key, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        lockedDo(() -> {
            if (isShutDown()) {
                return;
            }
            Instant at = clock.instant().plus(delay);
            if (delayedUntil(key).filter(pending -> !pending.isAfter(at)).isPresent()) {
                return;
            }
            delay(key, at);
        });
    }

    /** Retries the key after its backoff (see {@link RateLimiter}). */
    public void addRateLimited(K key) {
        addAfter(key, rateLimiter.when(key));
    }

    /** The key succeeded; its backoff starts over. */
    public void forget(K key) {
        rateLimiter.forget(key);
    }

    public int failures(K key) {
        return rateLimiter.failures(key);
    }

    public void done(K key) {
        lockedDo(() -> {
            processing.remove(key);
            if (dirty.contains(key)) {
                ready.addLast(key);
                signal();
            }
        });
    }

    @Override
    protected void promote(K key) {
        if (dirty.add(key) && !processing.contains(key)) {
            ready.addLast(key);
        }
    }

    @Override
    protected Optional<K> takeReady() {
        K key = ready.pollFirst();
        if (key != null) {
            dirty.remove(key);
            processing.add(key);
        }
        return Optional.ofNullable(key);
    }

    @Override
    protected int readyCount() {
        return ready.size();
    }
}
