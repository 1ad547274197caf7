package dev.orc.api.workqueue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * What the work queue and the scheduler's queue share: one lock, keys that wait for their time on the injected
 * clock ({@link DelayedKeys}), a blocking take bounded by its timeout, and shutdown. A subclass decides which keys
 * are ready and in what order they go; its hooks always run under the lock.
 */
public abstract class KeyedQueue<K> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final DelayedKeys<K> delayed;
    private final Duration poll;
    private boolean shutDown;

    /** {@code poll}: the longest a blocked take sleeps before it looks at the clock again. */
    protected KeyedQueue(InstantSource clock, Duration poll) {
        this.delayed = new DelayedKeys<>(clock);
        this.poll = poll;
    }

    /** A delayed key's time has come: it is ready now. */
    protected abstract void promote(K key);

    /** Takes the next ready key, if there is one. */
    protected abstract Optional<K> takeReady();

    protected abstract int readyCount();

    /** The next ready key, waiting at most {@code timeout}; empty on timeout or shutdown. */
    public final Optional<K> get(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                promoteDue();
                Optional<K> next = takeReady();
                if (next.isPresent()) {
                    return next;
                }
                long remaining = deadline - System.nanoTime();
                if (shutDown || remaining <= 0) {
                    return Optional.empty();
                }
                changed.awaitNanos(delayed.nanosToWait(remaining, poll));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Keys ready now, not counting delayed ones. */
    public final int length() {
        return locked(() -> {
            promoteDue();
            return readyCount();
        });
    }

    public final void shutDown() {
        lockedDo(() -> {
            shutDown = true;
            changed.signalAll();
        });
    }

    protected final <R> R locked(Supplier<R> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    protected final void lockedDo(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    protected final boolean isShutDown() {
        return shutDown;
    }

    /** Under the lock: a key became ready; one blocked take may have it. */
    protected final void signal() {
        changed.signal();
    }

    /** Under the lock: several keys became ready. */
    protected final void signalAll() {
        changed.signalAll();
    }

    /** Under the lock: {@code key} waits until {@code at}, replacing any time it waited for. */
    protected final void delay(K key, Instant at) {
        delayed.schedule(key, at);
        changed.signalAll();
    }

    /** Under the lock: the time {@code key} waits for, if it waits. */
    protected final Optional<Instant> delayedUntil(K key) {
        return delayed.dueAt(key);
    }

    /** Under the lock: {@code key} no longer waits. */
    protected final void undelay(K key) {
        delayed.remove(key);
    }

    /** Under the lock: every waiting key, which then waits no longer. */
    protected final List<K> undelayAll() {
        return delayed.takeAll();
    }

    /** Under the lock: how many keys wait for their time. */
    protected final int delayedCount() {
        promoteDue();
        return delayed.size();
    }

    private void promoteDue() {
        delayed.takeDue(this::promote);
    }
}
