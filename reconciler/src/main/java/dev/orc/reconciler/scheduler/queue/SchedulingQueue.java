package dev.orc.reconciler.scheduler.queue;

import dev.orc.api.cache.ObjectKey;
import dev.orc.api.wait.Backoff;
import dev.orc.api.workqueue.DelayedKeys;

import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pods waiting for a decision. Active pods are handed out first come, first served, each once however
 * often it was added. A pod that fit nowhere waits as unschedulable: it comes back after its {@link Backoff}
 * (doubling from {@code initial}, capped), or at once when the cluster changes in a way that may
 * make room ({@link #moveAllToActive}). Times come from the injected clock.
 */
public final class SchedulingQueue {
    private static final Duration POLL = Duration.ofMillis(100);

    private final InstantSource clock;
    private final Backoff backoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final LinkedHashSet<ObjectKey> active = new LinkedHashSet<>();
    private final DelayedKeys<ObjectKey> unschedulable;
    private final Map<ObjectKey, Integer> attempts = new HashMap<>();
    private boolean shutDown;

    public SchedulingQueue(InstantSource clock, Duration initialBackoff, Duration maxBackoff) {
        this.clock = clock;
        this.backoff = Backoff.exponential(initialBackoff, maxBackoff);
        this.unschedulable = new DelayedKeys<>(clock);
    }

    /** The pod is ready for a decision now. */
    public void add(ObjectKey key) {
        lock.lock();
        try {
            unschedulable.remove(key);
            if (!shutDown && active.add(key)) {
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The pod fit nowhere: retry it after its backoff, unless the cluster changes first. Returns the backoff. */
    public Duration addUnschedulable(ObjectKey key) {
        lock.lock();
        try {
            int count = attempts.merge(key, 1, Integer::sum);
            Duration delay = backoff.delay(count);
            if (active.contains(key)) {
                return delay;
            }
            unschedulable.schedule(key, clock.instant().plus(delay));
            changed.signal();
            return delay;
        } finally {
            lock.unlock();
        }
    }

    /** Something changed that may let unschedulable pods fit: all of them are active again. */
    public void moveAllToActive() {
        lock.lock();
        try {
            if (unschedulable.isEmpty()) {
                return;
            }
            active.addAll(unschedulable.takeAll());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The pod was placed: its next failure starts from the initial backoff. */
    public void forget(ObjectKey key) {
        lock.lock();
        try {
            attempts.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /** The pod is gone or bound: it leaves the queue. */
    public void remove(ObjectKey key) {
        lock.lock();
        try {
            active.remove(key);
            unschedulable.remove(key);
            attempts.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /** The next active pod, waiting at most {@code timeout}; empty on timeout or shutdown. */
    public Optional<ObjectKey> pop(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                promoteDue();
                Iterator<ObjectKey> first = active.iterator();
                if (first.hasNext()) {
                    ObjectKey key = first.next();
                    first.remove();
                    return Optional.of(key);
                }
                long remaining = deadline - System.nanoTime();
                if (shutDown || remaining <= 0) {
                    return Optional.empty();
                }
                changed.awaitNanos(unschedulable.nanosToWait(remaining, POLL));
            }
        } finally {
            lock.unlock();
        }
    }

    public int activeCount() {
        lock.lock();
        try {
            promoteDue();
            return active.size();
        } finally {
            lock.unlock();
        }
    }

    public int unschedulableCount() {
        lock.lock();
        try {
            promoteDue();
            return unschedulable.size();
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
        unschedulable.takeDue(active::add);
    }
}
