package dev.orc.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

class JulToSlf4jTest {
    @Test
    void aLibrarysJdkLogLinesTakeOrcsFormatAndOnlyItsWarningsShow() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LogSettings(Level.INFO, LogSettings.Format.TEXT).apply(context, out);
        JulToSlf4j handler = new JulToSlf4j(context);

        handler.publish(record(java.util.logging.Level.INFO, "io.grpc.netty.TcpMetrics",
                "Epoll available during static init of TcpMetrics:{0}", false));
        handler.publish(record(java.util.logging.Level.WARNING, "io.grpc.internal.ManagedChannelImpl",
                "channel {0} lost its connection", "etcd-1"));
        handler.publish(record(java.util.logging.Level.INFO, "dev.orc.somewhere", "the {0} of orc", "line"));

        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).satisfiesExactly(
                line -> assertThat(line).endsWith(" WARN ManagedChannelImpl - channel etcd-1 lost its connection"),
                line -> assertThat(line).endsWith(" INFO somewhere - the line of orc"));
    }

    @Test
    void installingTwiceLeavesOneHandlerInPlaceOfTheConsole() {
        JulToSlf4j.install();
        JulToSlf4j.install();

        assertThat(Arrays.asList(LogManager.getLogManager().getLogger("").getHandlers()))
                .singleElement().isInstanceOf(JulToSlf4j.class);
    }

    private static LogRecord record(java.util.logging.Level level, String logger, String message, Object parameter) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setParameters(new Object[]{parameter});
        return record;
    }
}
