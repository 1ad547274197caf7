package dev.orc.reconciler.scheduler;

import dev.orc.api.cache.ObjectKey;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Which of a pod's FailedScheduling Events are worth a write: the first, one whose message differs from the last
 * recorded, and a repeat once {@code interval} has passed since the last recorded, as client-go's event spam filter
 * lets a repeat through at most every five minutes. A pod that fits nowhere is tried again at least every minute, and
 * every repeat of its Event is a write (count and last timestamp), so without this 1,000 such pods keep the store
 * writing 17 times a second. Entries older than the interval are dropped as they are passed over, so it holds at most
 * the pods reported within one interval.
 */
final class RepeatedEvents {
    private record Recorded(String message, Instant at) {
    }

    private final InstantSource clock;
    private final Duration interval;
    private final Map<ObjectKey, Recorded> recorded = new HashMap<>();
    private Instant lastPruned;

    RepeatedEvents(InstantSource clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
        this.lastPruned = clock.instant();
    }

    /** Whether the Event {@code message} about {@code pod} is to be recorded now; if so, it counts as recorded. */
    synchronized boolean take(ObjectKey pod, String message) {
        Instant now = clock.instant();
        pruneOlderThanInterval(now);
        Recorded last = recorded.get(pod);
        if (last != null && last.message().equals(message) && now.isBefore(last.at().plus(interval))) {
            return false;
        }
        recorded.put(pod, new Recorded(message, now));
        return true;
    }

    /** How many pods' last Events are remembered. */
    synchronized int size() {
        return recorded.size();
    }

    private void pruneOlderThanInterval(Instant now) {
        if (now.isBefore(lastPruned.plus(interval))) {
            return;
        }
        lastPruned = now;
        for (Iterator<Recorded> it = recorded.values().iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next().at().plus(interval))) {
                it.remove();
            }
        }
    }
}
