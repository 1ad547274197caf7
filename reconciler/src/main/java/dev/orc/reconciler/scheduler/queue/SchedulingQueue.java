package dev.orc.reconciler.scheduler.queue;

import dev.orc.api.cache.ObjectKey;
import dev.orc.api.wait.Backoff;
import dev.orc.api.workqueue.KeyedQueue;

import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pods waiting for a decision. Active pods are handed out first come, first served, each once however
 * often it was added. A pod that fit nowhere waits as unschedulable: it comes back after its {@link Backoff}
 * (doubling from {@code initial}, capped), or at once when the cluster changes in a way that may
 * make room ({@link #moveAllToActive}). Times come from the injected clock.
 */
public final class SchedulingQueue extends KeyedQueue<ObjectKey> {
    private static final Duration POLL = Duration.ofMillis(100);

    private final InstantSource clock;
    private final Backoff backoff;
    private final LinkedHashSet<ObjectKey> active = new LinkedHashSet<>();
    private final Map<ObjectKey, Integer> attempts = new HashMap<>();

    public SchedulingQueue(InstantSource clock, Duration initialBackoff, Duration maxBackoff) {
        super(clock, POLL);
        this.clock = clock;
        this.backoff = Backoff.exponential(initialBackoff, maxBackoff);
    }

    /** The pod is ready for a decision now. */
    public void add(ObjectKey key) {
        lockedDo(() -> {
            undelay(key);
            if (!isShutDown() && active.add(key)) {
                signal();
            }
        });
    }

    /** The pod fit nowhere: retry it after its backoff, unless the cluster changes first. Returns the backoff. */
    public Duration addUnschedulable(ObjectKey key) {
        return locked(() -> {
            Duration delay = backoff.delay(attempts.merge(key, 1, Integer::sum));
            if (!active.contains(key)) {
                delay(key, clock.instant().plus(delay));
            }
            return delay;
        });
    }

    /** Something changed that may let unschedulable pods fit: all of them are active again. */
    public void moveAllToActive() {
        lockedDo(() -> {
            List<ObjectKey> waiting = undelayAll();
            if (!waiting.isEmpty()) {
                active.addAll(waiting);
                signalAll();
            }
        });
    }

    /** The pod was placed: its next failure starts from the initial backoff. */
    public void forget(ObjectKey key) {
        lockedDo(() -> attempts.remove(key));
    }

    /** The pod is gone or bound: it leaves the queue. */
    public void remove(ObjectKey key) {
        lockedDo(() -> {
            active.remove(key);
            undelay(key);
            attempts.remove(key);
        });
    }

    /** Pods waiting for their backoff to pass. */
    public int unschedulableCount() {
        return locked(this::delayedCount);
    }

    @Override
    protected void promote(ObjectKey key) {
        active.add(key);
    }

    @Override
    protected Optional<ObjectKey> takeReady() {
        Iterator<ObjectKey> first = active.iterator();
        if (!first.hasNext()) {
            return Optional.empty();
        }
        ObjectKey key = first.next();
        first.remove();
        return Optional.of(key);
    }

    @Override
    protected int readyCount() {
        return active.size();
    }
}
