package dev.orc.api.workqueue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Keys waiting for their time on the injected clock, the delay machinery of {@link WorkQueue} and the scheduling
 * queue. A key waits for one time: scheduling it again replaces that time, and a replaced or removed time is
 * dropped when it comes due. Not thread-safe: the owning queue calls it under its own lock.
 */
public final class DelayedKeys<K> {
    private static final long MIN_WAIT_NANOS = 1_000_000L;

    private record Delayed<K>(K key, Instant at, long sequence) implements Comparable<Delayed<K>> {
        @Override
        public int compareTo(Delayed<K> other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final InstantSource clock;
    private final PriorityQueue<Delayed<K>> byTime = new PriorityQueue<>();
    private final Map<K, Instant> dueAt = new HashMap<>();
    private long sequence;

    public DelayedKeys(InstantSource clock) {
        this.clock = clock;
    }

    /** Makes {@code key} wait until {@code at}, replacing any time it waited for. */
    public void schedule(K key, Instant at) {
        dueAt.put(key, at);
        byTime.add(new Delayed<>(key, at, sequence++));
    }

    /** The time {@code key} waits for, if it waits. */
    public Optional<Instant> dueAt(K key) {
        return Optional.ofNullable(dueAt.get(key));
    }

    /** The key no longer waits. */
    public void remove(K key) {
        dueAt.remove(key);
    }

    public int size() {
        return dueAt.size();
    }

    public boolean isEmpty() {
        return dueAt.isEmpty();
    }

    /** Every waiting key, which then waits no longer. */
    public List<K> takeAll() {
        List<K> keys = List.copyOf(dueAt.keySet());
        dueAt.clear();
        byTime.clear();
        return keys;
    }

    /** Hands each key whose time has come to {@code ready}, in time order; it then waits no longer. */
    public void takeDue(Consumer<K> ready) {
        Instant now = clock.instant();
        while (!byTime.isEmpty() && !byTime.peek().at().isAfter(now)) {
            Delayed<K> due = byTime.poll();
            if (due.at().equals(dueAt.get(due.key()))) {
                dueAt.remove(due.key());
                ready.accept(due.key());
            }
        }
    }

    /**
     * How long a queue with nothing ready should block: at most {@code remainingNanos} and {@code poll}, and no
     * longer than until the earliest waiting time (but at least a millisecond, so a clock that does not move
     * cannot make it spin).
     */
    public long nanosToWait(long remainingNanos, Duration poll) {
        long wait = Math.min(remainingNanos, poll.toNanos());
        if (!byTime.isEmpty()) {
            long untilDue = Duration.between(clock.instant(), byTime.peek().at()).toNanos();
            wait = Math.max(MIN_WAIT_NANOS, Math.min(wait, untilDue));
        }
        return wait;
    }
}
