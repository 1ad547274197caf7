package dev.orc.api.workqueue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The work queue every controller uses, with client-go's guarantees: a key added many times while waiting
 * runs once; a key is never handed to two workers at once; a key added while it is being processed runs once
 * more after {@link #done}. Delayed and rate-limited adds wait on the injected clock.
 */
public final class WorkQueue<K> {
    private static final Duration POLL = Duration.ofMillis(250);

    private final InstantSource clock;
    private final RateLimiter<K> rateLimiter;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<K> ready = new ArrayDeque<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final DelayedKeys<K> waiting;
    private boolean shutDown;

    public WorkQueue(InstantSource clock, RateLimiter<K> rateLimiter) {
        this.clock = clock;
        this.rateLimiter = rateLimiter;
        this.waiting = new DelayedKeys<>(clock);
    }

    public static <K> WorkQueue<K> create(InstantSource clock) {
        return new WorkQueue<>(clock, RateLimiter.defaults(clock));
    }

    public void add(K key) {
        lock.lock();
        try {
            if (shutDown || dirty.contains(key)) {
                return;
            }
            dirty.add(key);
            if (!processing.contains(key)) {
                ready.addLast(key);
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Adds the key once {@code delay} has passed; an earlier pending time for the same key wins. */
    public void addAfter(K key, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        lock.lock();
        try {
            if (shutDown) {
                return;
            }
            Instant at = clock.instant().plus(delay);
            if (waiting.dueAt(key).filter(pending -> !pending.isAfter(at)).isPresent()) {
                return;
            }
            waiting.schedule(key, at);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
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

    /**
     * The next key to process, waiting at most {@code timeout}; empty on timeout or shutdown. The caller must
     * call {@link #done} with it.
     */
    public Optional<K> get(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                promoteDue();
                if (!ready.isEmpty()) {
                    K key = ready.pollFirst();
                    dirty.remove(key);
                    processing.add(key);
                    return Optional.of(key);
                }
                long remaining = deadline - System.nanoTime();
                if (shutDown || remaining <= 0) {
                    return Optional.empty();
                }
                changed.awaitNanos(waiting.nanosToWait(remaining, POLL));
            }
        } finally {
            lock.unlock();
        }
    }

    public void done(K key) {
        lock.lock();
        try {
            processing.remove(key);
            if (dirty.contains(key)) {
                ready.addLast(key);
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Keys ready or being processed, not counting delayed ones. */
    public int length() {
        lock.lock();
        try {
            promoteDue();
            return ready.size();
        } finally {
            lock.unlock();
        }
    }

    public void shutDown() {
        lock.lock();
        try {
            shutDown = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void promoteDue() {
        waiting.takeDue(key -> {
            if (dirty.add(key) && !processing.contains(key)) {
                ready.addLast(key);
            }
        });
    }
}
