package dev.orc.api.client;

/**
 * Which log lines of a pod to read: the container (null when the pod has one), the last {@code tailLines}
 * (0 for all), the previous instance of a restarted container, and whether to prefix timestamps.
 */
public record LogOptions(String container, long tailLines, boolean previous, boolean timestamps) {
    public static LogOptions defaults() {
        return new LogOptions(null, 0, false, false);
    }

    public LogOptions withContainer(String value) {
        return new LogOptions(value, tailLines, previous, timestamps);
    }

    public LogOptions withTailLines(long value) {
        return new LogOptions(container, value, previous, timestamps);
    }

    public LogOptions withPrevious(boolean value) {
        return new LogOptions(container, tailLines, value, timestamps);
    }

    public LogOptions withTimestamps(boolean value) {
        return new LogOptions(container, tailLines, previous, value);
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
        if (follow) {
            query.add("follow", "true");
        }
        return query;
    }
}
