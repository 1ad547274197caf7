package dev.orc.node.runtime;

import java.util.Optional;
import java.util.OptionalInt;
import java.time.Instant;

/**
 * Which log lines to read.
 *
 * @param follow keep streaming new lines until the container stops or the follow is closed
 * @param tailLines only the last n lines written before the call; empty for all
 * @param since only lines written at or after this instant (the engine's resolution is a second)
 * @param timestamps deliver each line's timestamp
 * @param limitBytes stop after delivering this many bytes of log text
 */
public record LogOptions(boolean follow, OptionalInt tailLines, Optional<Instant> since, boolean timestamps,
                         long limitBytes) {

    /** Bound on what one read delivers unless asked otherwise. */
    public static final long DEFAULT_LIMIT_BYTES = 16L * 1024 * 1024;

    public LogOptions {
        tailLines.ifPresent(n -> {
            if (n < 0) {
                throw new IllegalArgumentException("tailLines must not be negative, got " + n);
            }
        });
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("limitBytes must be positive, got " + limitBytes);
        }
    }

    /** Everything written so far, without timestamps. */
    public static LogOptions all() {
        return new LogOptions(false, OptionalInt.empty(), Optional.empty(), false, DEFAULT_LIMIT_BYTES);
    }

    public LogOptions withFollow(boolean follow) {
        return new LogOptions(follow, tailLines, since, timestamps, limitBytes);
    }

    public LogOptions withTailLines(int lines) {
        return new LogOptions(follow, OptionalInt.of(lines), since, timestamps, limitBytes);
    }

    public LogOptions withSince(Instant since) {
        return new LogOptions(follow, tailLines, Optional.of(since), timestamps, limitBytes);
    }

    public LogOptions withTimestamps(boolean timestamps) {
        return new LogOptions(follow, tailLines, since, timestamps, limitBytes);
    }

    public LogOptions withLimitBytes(long limitBytes) {
        return new LogOptions(follow, tailLines, since, timestamps, limitBytes);
    }
}
