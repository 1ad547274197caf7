package dev.orc.node.runtime.fake;

import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.LogFollow;
import dev.orc.node.runtime.LogLine;
import dev.orc.node.runtime.LogSink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A log read of a fake container: lines are delivered on the thread that writes them. */
final class FakeLogFollow implements LogFollow {

    private final LogSink sink;
    private final boolean timestamps;
    private final CountDownLatch done = new CountDownLatch(1);
    private long remainingBytes;

    FakeLogFollow(LogSink sink, boolean timestamps, long limitBytes) {
        this.sink = sink;
        this.timestamps = timestamps;
        this.remainingBytes = limitBytes;
    }

    /** Delivers one stored line; returns false once this read is over. */
    synchronized boolean deliver(FakeContainer.StoredLine line) {
        if (done.getCount() == 0) {
            return false;
        }
        if (remainingBytes <= 0) {
            complete();
            return false;
        }
        remainingBytes -= line.text().getBytes(StandardCharsets.UTF_8).length + 1;
        sink.accept(new LogLine(line.stream(), timestamps ? Optional.of(line.time()) : Optional.empty(), line.text()));
        if (remainingBytes <= 0) {
            complete();
            return false;
        }
        return true;
    }

    boolean finished() {
        return done.getCount() == 0;
    }

    void complete() {
        done.countDown();
    }

    @Override
    public boolean await(Duration timeout) {
        try {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerRuntimeException("interrupted while reading logs", e);
        }
    }

    @Override
    public void close() {
        complete();
    }
}
