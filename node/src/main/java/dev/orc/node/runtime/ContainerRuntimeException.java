package dev.orc.node.runtime;

/** A container runtime operation failed; the message says what and why, for a person. */
public class ContainerRuntimeException extends RuntimeException {

    public ContainerRuntimeException(String message) {
        super(message);
    }

    public ContainerRuntimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
