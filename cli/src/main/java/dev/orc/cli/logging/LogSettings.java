package dev.orc.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.orc.node.ingress.IngressServer;
import org.slf4j.LoggerFactory;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How orc logs: its own lines at {@code level} (info unless {@code --log-level} says otherwise), the libraries under
 * it (Jetty, Javalin, gRPC, Netty, jetcd, docker-java, JGit) only when they warn, one line per entry on standard
 * error, as text or as JSON ({@code --log-format}); the ingress's access log in blocks, each line within
 * {@link #PER_REQUEST_FLUSH}.
 */
public record LogSettings(Level level, Format format) {
    /** The system properties {@code --log-level} and {@code --log-format} set, read when logging starts. */
    static final String LEVEL_PROPERTY = "orc.log.level";
    static final String FORMAT_PROPERTY = "orc.log.format";
    /** Loggers that write a line per request, written in blocks ({@link BufferedLinesAppender}). */
    private static final List<String> PER_REQUEST = List.of(IngressServer.ACCESS_LOG);
    /** How long a per-request line may wait for others before it is written. */
    static final Duration PER_REQUEST_FLUSH = Duration.ofMillis(100);
    private static final List<String> LIBRARIES = List.of("org.eclipse.jetty", "io.javalin", "io.grpc", "io.netty",
            "io.etcd", "com.github.dockerjava", "org.eclipse.jgit");

    public enum Format { TEXT, JSON }

    /** The settings the system properties name, info and text where they name nothing. */
    static LogSettings fromSystemProperties() {
        return new LogSettings(Level.toLevel(System.getProperty(LEVEL_PROPERTY), Level.INFO),
                Format.valueOf(System.getProperty(FORMAT_PROPERTY, "text").toUpperCase(Locale.ROOT)));
    }

    /** Makes {@code level} (error, warn, info, debug or trace) the level of orc's own lines, now and from the start. */
    public static void useLevel(String level) {
        System.setProperty(LEVEL_PROPERTY, level);
        reconfigure();
    }

    /** Makes {@code format} the format of every line, now and from the start. */
    public static void useFormat(Format format) {
        System.setProperty(FORMAT_PROPERTY, format.name().toLowerCase(Locale.ROOT));
        reconfigure();
    }

    private static void reconfigure() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            fromSystemProperties().apply(context, System.err);
        }
    }

    /** Replaces whatever {@code context} had with one appender writing to {@code out}. */
    void apply(LoggerContext context, OutputStream out) {
        context.reset();
        Layout<ILoggingEvent> layout = format == Format.JSON ? new JsonLineLayout() : new TextLineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("orc");
        appender.setEncoder(encoder);
        appender.setImmediateFlush(true);
        appender.setOutputStream(new KeptOpen(out));
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(appender);
        LIBRARIES.forEach(library -> context.getLogger(library).setLevel(Level.WARN));
        BufferedLinesAppender blocks = new BufferedLinesAppender(layout, new KeptOpen(out), PER_REQUEST_FLUSH);
        blocks.setContext(context);
        blocks.setName("orc-per-request");
        blocks.start();
        for (String name : PER_REQUEST) {
            Logger perRequest = context.getLogger(name);
            perRequest.setAdditive(false);
            perRequest.addAppender(blocks);
        }
    }

    /** {@code out}, which stopping the appender (on the next reconfiguration) flushes but does not close. */
    private static final class KeptOpen extends FilterOutputStream {
        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
