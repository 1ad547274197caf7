package dev.orc.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines whose time, formatted once a second, reads as if formatted for each line. */
class TextLineLayoutTest {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneId.systemDefault());
    private final TextLineLayout layout = new TextLineLayout();
    private final LoggerContext context = new LoggerContext();

    @Test
    void eachLineHasItsOwnMillisecondsWithinOneSecondAndTheNext() {
        Instant first = Instant.parse("2026-12-07T10:15:30.007Z");
        for (Instant at : new Instant[]{first, first.plusMillis(93), first.plusMillis(992), first.plusMillis(1000),
                first.plusMillis(61_250)}) {
            assertThat(layout.doLayout(event(at, "dev.orc.node.ingress.access", "GET / 200")))
                    .isEqualTo(TIME.format(at) + " INFO access - GET / 200" + System.lineSeparator());
        }
    }

    private LoggingEvent event(Instant at, String logger, String message) {
        LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger(logger), Level.INFO, message,
                null, null);
        event.setInstant(at);
        return event;
    }
}
