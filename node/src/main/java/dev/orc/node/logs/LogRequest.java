package dev.orc.node.logs;

import dev.orc.node.runtime.LogOptions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One request for a container's log, as Kubernetes' {@code pods/log} asks for it.
 *
 * @param container empty: the pod's only app container
 */
public record LogRequest(String namespace, String pod, Optional<String> container, boolean follow, boolean previous,
                         boolean timestamps, Optional<Integer> tailLines, Optional<Duration> since) {

    /** Reads the query of {@code /containerLogs/{ns}/{pod}/{container}}: follow, previous, timestamps, tailLines, sinceSeconds. */
    public static LogRequest parse(String namespace, String pod, Optional<String> container, Map<String, String> query) {
        return new LogRequest(namespace, pod, container, flag(query, "follow"), flag(query, "previous"),
                flag(query, "timestamps"), number(query, "tailLines").map(Long::intValue),
                number(query, "sinceSeconds").map(Duration::ofSeconds));
    }

    private static boolean flag(Map<String, String> query, String name) {
        String value = query.get(name);
        return value != null && (value.isEmpty() || value.equals("true") || value.equals("1"));
    }

    private static Optional<Long> number(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                throw new IllegalArgumentException(name + " must not be negative, got " + value);
            }
            return Optional.of(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    public LogOptions options(Clock clock) {
        LogOptions options = LogOptions.all().withFollow(follow).withTimestamps(timestamps);
        if (tailLines.isPresent()) {
            options = options.withTailLines(tailLines.get());
        }
        if (since.isPresent()) {
            Instant from = clock.instant().minus(since.get());
            options = options.withSince(from);
        }
        return options;
    }
}
