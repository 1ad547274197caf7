package dev.orc.api.client;

import java.time.Duration;

/** A running watch or log stream. Closing it stops the stream; it can be closed more than once. */
public interface WatchHandle extends AutoCloseable {
    @Override
    void close();

    /** Waits until the stream has ended and its listener was told; false when {@code timeout} passed first. */
    boolean awaitClosed(Duration timeout) throws InterruptedException;
}
