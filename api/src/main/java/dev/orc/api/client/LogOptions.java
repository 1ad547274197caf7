package dev.orc.api.client;

/**
 * Which log lines of a pod to read: the container (null when the pod has one), the last {@code tailLines}
 * (0 for all), the previous instance of a restarted container, whether to prefix timestamps, and only lines
 * of the last {@code sinceSeconds} (0 for all).
 */
public record LogOptions(String container, long tailLines, boolean previous, boolean timestamps, long sinceSeconds) {
    public static LogOptions defaults() {
        return new LogOptions(null, 0, false, false, 0);
    }

    public LogOptions withSinceSeconds(long value) {
        return new LogOptions(container, tailLines, previous, timestamps, value);
    }

    public LogOptions withContainer(String value) {
        return new LogOptions(value, tailLines, previous, timestamps, sinceSeconds);
    }

    public LogOptions withTailLines(long value) {
        return new LogOptions(container, value, previous, timestamps, sinceSeconds);
    }

    public LogOptions withPrevious(boolean value) {
        return new LogOptions(container, tailLines, value, timestamps, sinceSeconds);
    }

    public LogOptions withTimestamps(boolean value) {
        return new LogOptions(container, tailLines, previous, value, sinceSeconds);
    }

    Query query(boolean follow) {
        Query query = new Query().add("container", container);
        if (tailLines > 0) {
            query.add("tailLines", Long.toString(tailLines));
        }
        if (previous) {
            query.add("previous", "true");
        }
        if (timestamps) {
            query.add("timestamps", "true");
        }
        if (sinceSeconds > 0) {
            query.add("sinceSeconds", Long.toString(sinceSeconds));
        }
        if (follow) {
            query.add("follow", "true");
        }
        return query;
    }
}
