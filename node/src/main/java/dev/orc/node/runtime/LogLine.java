package dev.orc.node.runtime;

import java.time.Instant;
import java.util.Optional;

/**
 * One line a container wrote, without its line terminator.
 *
 * @param timestamp present when timestamps were asked for
 */
public record LogLine(Stream stream, Optional<Instant> timestamp, String text) {

    public enum Stream { STDOUT, STDERR }

    public static LogLine stdout(String text) {
        return new LogLine(Stream.STDOUT, Optional.empty(), text);
    }

    public static LogLine stderr(String text) {
        return new LogLine(Stream.STDERR, Optional.empty(), text);
    }
}
