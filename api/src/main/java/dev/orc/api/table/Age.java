package dev.orc.api.table;

import java.time.Duration;
import java.time.Instant;

/** Durations as kubectl prints them in AGE columns: {@code 45s}, {@code 5m30s}, {@code 3h}, {@code 12d}. */
public final class Age {
    private Age() {
    }

    /** The age of something created at {@code since} (an RFC 3339 text; null or unreadable gives {@code <unknown>}). */
    public static String since(String since, Instant now) {
        if (since == null || since.isEmpty()) {
            return "<unknown>";
        }
        try {
            return format(Duration.between(Instant.parse(since), now));
        } catch (java.time.format.DateTimeParseException e) {
            return "<unknown>";
        }
    }

    public static String format(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(-1)) < 0) {
            return "<invalid>";
        }
        long seconds = Math.max(0, duration.getSeconds());
        long minutes = seconds / 60;
        long hours = minutes / 60;
        long days = hours / 24;
        if (seconds < 120) {
            return seconds + "s";
        }
        if (minutes < 10) {
            return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
        }
        if (hours < 3) {
            return minutes + "m";
        }
        if (hours < 8) {
            return minutes % 60 == 0 ? hours + "h" : hours + "h" + minutes % 60 + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 24 * 8) {
            return hours % 24 == 0 ? days + "d" : days + "d" + hours % 24 + "h";
        }
        if (days < 365 * 2) {
            return days + "d";
        }
        long years = days / 365;
        if (years < 8) {
            return days % 365 == 0 ? years + "y" : years + "y" + days % 365 + "d";
        }
        return years + "y";
    }
}
