package dev.orc.reconciler.apiserver.watch;

import java.time.Duration;

/**
 * How watches are served: the default lifetime of a watch without {@code timeoutSeconds} (each gets this
 * plus up to as much again of jitter, so clients do not re-connect in step), the longest a client may ask
 * for, how often bookmarks are sent (often enough that a client can take 30 s of silence for a dead connection), how many events a watcher may fall behind, and how many recent events
 * each type's cache keeps for clients resuming a watch: at most {@code windowSize} events holding at most
 * {@code windowBytes} of stored objects together; and how many watches one user may hold open over HTTP.
 */
public record WatchSettings(Duration defaultTimeout, Duration maxTimeout, Duration bookmarkInterval,
                           int queueCapacity, int windowSize, long windowBytes, int maxWatchesPerUser) {
    /** Per type: enough for minutes of a busy cluster's changes, and never more than a few MiB of heap. */
    public static final long DEFAULT_WINDOW_BYTES = 2L << 20;
    /** Far above what a node agent, kubectl or a few dashboards open, far below what exhausts the server. */
    public static final int DEFAULT_MAX_WATCHES_PER_USER = 250;

    public WatchSettings(Duration defaultTimeout, Duration maxTimeout, Duration bookmarkInterval, int queueCapacity,
                         int windowSize, long windowBytes) {
        this(defaultTimeout, maxTimeout, bookmarkInterval, queueCapacity, windowSize, windowBytes,
                DEFAULT_MAX_WATCHES_PER_USER);
    }

    public WatchSettings {
        if (maxWatchesPerUser < 1) {
            throw new IllegalArgumentException("a user must be able to open a watch, got a maximum of " + maxWatchesPerUser);
        }
        if (queueCapacity < 1 || windowSize < 1 || windowBytes < 1) {
            throw new IllegalArgumentException("a watcher's queue and the watch window must hold something, got a queue of "
                    + queueCapacity + ", a window of " + windowSize + " events and " + windowBytes + " bytes");
        }
    }

    public static WatchSettings defaults() {
        return new WatchSettings(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofSeconds(10), 1000, 5000,
                DEFAULT_WINDOW_BYTES);
    }

    public WatchSettings withMaxWatchesPerUser(int value) {
        return new WatchSettings(defaultTimeout, maxTimeout, bookmarkInterval, queueCapacity, windowSize, windowBytes, value);
    }
}
