package dev.orc.reconciler.apiserver;

import java.time.Duration;

/**
 * How watches are served: the default lifetime of a watch without {@code timeoutSeconds} (each gets this
 * plus up to as much again of jitter, so clients do not re-connect in step), the longest a client may ask
 * for, how often bookmarks are sent, how many events a watcher may fall behind and how many recent events
 * each type's cache keeps.
 */
public record WatchSettings(Duration defaultTimeout, Duration maxTimeout, Duration bookmarkInterval,
                           int queueCapacity, int windowSize) {
    public static WatchSettings defaults() {
        return new WatchSettings(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMinutes(1), 1000, 5000);
    }
}
