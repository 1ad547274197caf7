package dev.orc.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The lines of a logger that writes one per request (the ingress's access log), written in blocks as nginx's
 * {@code access_log ... buffer= flush=} writes them: a line waits until the lines waiting reach {@value #BLOCK} bytes
 * or {@code flushAfter} has passed since the first of them, whichever comes first; stopping, and the JVM's exit,
 * write what waits. A busy ingress then makes one write to standard error for dozens of requests instead of one each.
 * Lines are laid out as every other line is; a block holds whole lines, so they never mix with other writers'.
 */
final class BufferedLinesAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    /** Lines are written once this many bytes wait. */
    static final int BLOCK = 8192;

    private final Layout<ILoggingEvent> layout;
    private final OutputStream out;
    private final Duration flushAfter;
    private final byte[] waiting = new byte[BLOCK];
    private int length;
    private ScheduledExecutorService flusher;
    private ScheduledFuture<?> flush;
    private Thread exitHook;
    private boolean stopped;

    BufferedLinesAppender(Layout<ILoggingEvent> layout, OutputStream out, Duration flushAfter) {
        this.layout = layout;
        this.out = out;
        this.flushAfter = flushAfter;
    }

    /** Stops taking lines and writes those waiting. */
    @Override
    public synchronized void stop() {
        super.stop();
        flush();
        stopped = true;
        if (flusher != null) {
            flusher.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(exitHook);
            } catch (IllegalStateException exiting) {
                // the JVM is exiting: the hook runs, or ran, anyway
            }
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        add(layout.doLayout(event).getBytes(StandardCharsets.UTF_8));
    }

    private synchronized void add(byte[] line) {
        if (length + line.length > BLOCK) {
            writeWaiting();
        }
        if (line.length >= BLOCK) {
            write(line, line.length);
            return;
        }
        System.arraycopy(line, 0, waiting, length, line.length);
        length += line.length;
        if (flush == null && !stopped) {
            flush = flusher().schedule(this::flush, flushAfter.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The flusher's thread, and the hook that writes at exit, from the first line on: a client verb makes neither. */
    private ScheduledExecutorService flusher() {
        if (flusher == null) {
            flusher = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("orc-log-flusher").daemon().factory());
            exitHook = new Thread(this::flush, "orc-log-flush-at-exit");
            Runtime.getRuntime().addShutdownHook(exitHook);
        }
        return flusher;
    }

    /** Writes the lines waiting now. */
    synchronized void flush() {
        writeWaiting();
    }

    private void writeWaiting() {
        if (flush != null) {
            flush.cancel(false);
            flush = null;
        }
        if (length > 0) {
            write(waiting, length);
            length = 0;
        }
    }

    private void write(byte[] bytes, int count) {
        try {
            out.write(bytes, 0, count);
            out.flush();
        } catch (IOException e) {
            addError("writing log lines failed", e);
        }
    }
}
