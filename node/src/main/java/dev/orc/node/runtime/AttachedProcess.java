package dev.orc.node.runtime;

import java.io.OutputStream;

/**
 * A process whose streams a client holds: an exec started with {@link ContainerRuntime#execAttached} or a container's
 * own process joined with {@link ContainerRuntime#attach}. Its output goes to the {@link ProcessOutput} given when it
 * started, as it comes.
 */
public interface AttachedProcess extends AutoCloseable {

    /** The process's standard input; closing it is the end of input. Empty (a sink) without stdin. */
    OutputStream stdin();

    /** Tells the process's terminal its new size; without a terminal this does nothing. */
    void resize(int width, int height);

    /**
     * Waits until the output ended and returns the exit code: the command's for an exec, the container's for an
     * attach (-1 when the container still runs, as after a detach).
     */
    int awaitExit() throws InterruptedException;

    /** Stops listening to the process (the process itself runs on, as after a detach). */
    @Override
    void close();
}
