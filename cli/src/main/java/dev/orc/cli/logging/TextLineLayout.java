package dev.orc.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code 2026-12-06T11:26:05.170Z INFO NodeServices - message}, then the exception's stack trace if there is one. The
 * time is formatted once a second (its milliseconds appended) and a logger's short name once: busy loggers (the
 * ingress's access log writes a line per request) allocate little more than their line.
 */
final class TextLineLayout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneId.systemDefault());
    private final Map<String, String> shortNames = new ConcurrentHashMap<>();
    private volatile Second second = new Second(Long.MIN_VALUE, "", "");

    /** One second's time as text: what comes before the milliseconds, and the zone after them. */
    private record Second(long epochSecond, String before, String zone) {
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        StringBuilder line = new StringBuilder(64 + message.length());
        appendTime(line, event.getInstant());
        line.append(' ').append(event.getLevel()).append(' ')
                .append(shortNames.computeIfAbsent(event.getLoggerName(), TextLineLayout::shortName)).append(" - ")
                .append(message).append(CoreConstants.LINE_SEPARATOR);
        if (event.getThrowableProxy() != null) {
            line.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append(CoreConstants.LINE_SEPARATOR);
        }
        return line.toString();
    }

    private void appendTime(StringBuilder line, Instant instant) {
        Second current = second;
        if (current.epochSecond() != instant.getEpochSecond()) {
            String whole = TIME.format(instant);
            int dot = whole.lastIndexOf('.');
            current = new Second(instant.getEpochSecond(), whole.substring(0, dot + 1), whole.substring(dot + 4));
            second = current;
        }
        int millis = instant.getNano() / 1_000_000;
        line.append(current.before()).append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10)).append(current.zone());
    }

    private static String shortName(String logger) {
        return logger.substring(logger.lastIndexOf('.') + 1);
    }
}
