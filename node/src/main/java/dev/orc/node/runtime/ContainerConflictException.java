package dev.orc.node.runtime;

/** The operation conflicts with the container's state, or a container of that name already exists. */
public class ContainerConflictException extends ContainerRuntimeException {

    public ContainerConflictException(String message) {
        super(message);
    }
}
