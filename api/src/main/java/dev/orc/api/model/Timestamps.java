package dev.orc.api.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Kubernetes timestamps are RFC 3339 strings in the views (so they survive a round trip exactly);
 * this converts them to and from {@link Instant}.
 */
public final class Timestamps {
    private Timestamps() {
    }

    /** {@code 2024-05-01T12:00:00Z}: UTC, whole seconds, as Kubernetes writes metadata times. */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** {@code 2024-05-01T12:00:00.123456Z}: UTC with microseconds, as Kubernetes writes {@code eventTime}. */
    public static String formatMicros(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC)
                .format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** Reads an RFC 3339 time with any offset, or {@code null} for {@code null}. */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid timestamp \"" + text + "\": expected RFC 3339 like 2024-05-01T12:00:00Z");
        }
    }
}
