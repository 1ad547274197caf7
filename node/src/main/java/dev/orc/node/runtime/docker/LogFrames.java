package dev.orc.node.runtime.docker;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.orc.node.runtime.LogLine;
import dev.orc.node.runtime.LogSink;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Cuts Docker's demultiplexed frames into lines per stream, splits off the timestamps Docker
 * prefixes when asked, and stops once the byte limit is reached. Not thread-safe: one per read.
 */
final class LogFrames {

    private final boolean timestamps;
    private final LogSink sink;
    private final Map<LogLine.Stream, ByteArrayOutputStream> partial = new EnumMap<>(LogLine.Stream.class);
    private long remainingBytes;

    LogFrames(boolean timestamps, long limitBytes, LogSink sink) {
        this.timestamps = timestamps;
        this.remainingBytes = limitBytes;
        this.sink = sink;
    }

    /** Takes one frame; returns false once the limit is reached and no more should be read. */
    boolean accept(Frame frame) {
        LogLine.Stream stream = frame.getStreamType() == StreamType.STDERR ? LogLine.Stream.STDERR : LogLine.Stream.STDOUT;
        ByteArrayOutputStream buffer = partial.computeIfAbsent(stream, s -> new ByteArrayOutputStream());
        for (byte b : frame.getPayload()) {
            if (b == '\n') {
                if (!emit(stream, buffer)) {
                    return false;
                }
            } else {
                buffer.write(b);
            }
        }
        return remainingBytes > 0;
    }

    /** Delivers what is left of unterminated lines. */
    void flush() {
        for (Map.Entry<LogLine.Stream, ByteArrayOutputStream> e : partial.entrySet()) {
            if (e.getValue().size() > 0 && !emit(e.getKey(), e.getValue())) {
                return;
            }
        }
    }

    private boolean emit(LogLine.Stream stream, ByteArrayOutputStream buffer) {
        if (remainingBytes <= 0) {
            return false;
        }
        String raw = buffer.toString(StandardCharsets.UTF_8);
        buffer.reset();
        Optional<Instant> time = Optional.empty();
        String text = raw;
        if (timestamps) {
            int space = raw.indexOf(' ');
            try {
                time = Optional.of(Instant.parse(space < 0 ? raw : raw.substring(0, space)));
                text = space < 0 ? "" : raw.substring(space + 1);
            } catch (DateTimeParseException e) {
                time = Optional.empty();
            }
        }
        remainingBytes -= text.getBytes(StandardCharsets.UTF_8).length + 1;
        sink.accept(new LogLine(stream, time, text));
        return remainingBytes > 0;
    }
}
