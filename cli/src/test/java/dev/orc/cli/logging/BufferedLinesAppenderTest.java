package dev.orc.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.LayoutBase;
import dev.orc.node.ingress.IngressServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BufferedLinesAppenderTest {
    private final LoggerContext context = new LoggerContext();
    private final Writes out = new Writes();

    @BeforeEach
    void context() {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void linesWaitUntilABlockIsFullAndGoOutAsWholeLinesInOneWrite() {
        Logger access = logger(Duration.ofHours(1));

        access.info("first");
        access.info("second");
        assertThat(out.writes()).as("two short lines wait").isEmpty();

        String filler = "x".repeat(200);
        for (int i = 0; out.writes().isEmpty(); i++) {
            assertThat(i).as("lines logged before the first write").isLessThan(BufferedLinesAppender.BLOCK / 200 + 1);
            access.info(filler);
        }
        String block = out.writes().getFirst();
        assertThat(block.length()).isLessThanOrEqualTo(BufferedLinesAppender.BLOCK);
        assertThat(block).endsWith("\n").startsWith("first\nsecond\n");
        assertThat(block.lines()).allSatisfy(line -> assertThat(line).isIn("first", "second", filler));
    }

    @Test
    void aLineIsWrittenWithinTheFlushIntervalWhenNoOtherComes() {
        Logger access = logger(Duration.ofMillis(20));

        access.info("GET / 200");

        await().atMost(Duration.ofSeconds(10)).until(() -> !out.writes().isEmpty());
        assertThat(out.writes()).containsExactly("GET / 200\n");
    }

    @Test
    void stoppingWritesWhatWaitsAndALineLongerThanABlockGoesOutWhole() {
        Logger access = logger(Duration.ofHours(1));
        String longLine = "é".repeat(BufferedLinesAppender.BLOCK);

        access.info("short");
        access.info(longLine);
        access.info("last");
        context.stop();

        assertThat(out.writes()).containsExactly("short\n", longLine + "\n", "last\n");
    }

    @Test
    void orcsSettingsSendTheAccessLogThroughBlocksOnceInTheSameLayoutAndOtherLoggersStraightOut() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new LogSettings(Level.INFO, LogSettings.Format.TEXT).apply(context, bytes);

        context.getLogger("dev.orc.node.NodeAgent").info("registered");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith(" INFO NodeAgent - registered\n");
        Logger access = context.getLogger(IngressServer.ACCESS_LOG);
        assertThat(access.getAppender("orc-per-request")).isInstanceOf(BufferedLinesAppender.class);
        access.info("127.0.0.1 - - \"GET / HTTP/1.1\" 200 5");
        context.stop();

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(2)
                .anySatisfy(line -> assertThat(line).endsWith(" INFO access - 127.0.0.1 - - \"GET / HTTP/1.1\" 200 5"));
    }

    private Logger logger(Duration flushAfter) {
        MessageOnly layout = new MessageOnly();
        layout.setContext(context);
        layout.start();
        BufferedLinesAppender appender = new BufferedLinesAppender(layout, out, flushAfter);
        appender.setContext(context);
        appender.start();
        Logger logger = context.getLogger("test.access");
        logger.setAdditive(false);
        logger.addAppender(appender);
        return logger;
    }

    /** The message and a newline. */
    private static final class MessageOnly extends LayoutBase<ILoggingEvent> {
        @Override
        public String doLayout(ILoggingEvent event) {
            return event.getFormattedMessage() + "\n";
        }
    }

    /** Each write as it came. */
    private static final class Writes extends OutputStream {
        private final List<String> writes = new ArrayList<>();

        @Override
        public void write(int b) {
            throw new UnsupportedOperationException("lines are written in blocks");
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            writes.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
        }

        synchronized List<String> writes() {
            return List.copyOf(writes);
        }
    }
}
