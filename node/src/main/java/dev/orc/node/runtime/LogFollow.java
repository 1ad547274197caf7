package dev.orc.node.runtime;

import java.time.Duration;

/** A log read in progress. Closing it stops the delivery of lines; closing twice is harmless. */
public interface LogFollow extends AutoCloseable {

    /**
     * Waits until every line has been delivered (for a follow: until the container stopped).
     *
     * @return true if the read finished, false if it is still going after the timeout
     * @throws ContainerRuntimeException if the read failed
     */
    boolean await(Duration timeout);

    @Override
    void close();
}
