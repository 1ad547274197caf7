package dev.orc.reconciler.apiserver.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The delivery ids of webhooks accepted lately ({@code X-GitHub-Delivery}), so that a captured delivery sent
 * again is ignored: ids older than {@code window} are forgotten, and at most {@code capacity} are kept (the oldest
 * go first).
 */
final class RecentDeliveries {
    private final Duration window;
    private final int capacity;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    RecentDeliveries(Duration window, int capacity) {
        this.window = window;
        this.capacity = capacity;
    }

    /** Records {@code id}; false when it was already recorded within the window. */
    synchronized boolean firstTime(String id, Instant now) {
        Iterator<Map.Entry<String, Instant>> oldest = seen.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Instant> entry = oldest.next();
            if (seen.size() < capacity && !entry.getValue().plus(window).isBefore(now)) {
                break;
            }
            oldest.remove();
        }
        return seen.putIfAbsent(id, now) == null;
    }
}
