package dev.orc.node.runtime;

/** An operation did not finish within its time bound. */
public class RuntimeTimeoutException extends ContainerRuntimeException {

    public RuntimeTimeoutException(String message) {
        super(message);
    }
}
