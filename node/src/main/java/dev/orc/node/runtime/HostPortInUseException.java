package dev.orc.node.runtime;

/**
 * A container could not start because a host port it publishes is taken on this host: by another container, or by
 * any socket of this host, such as an outgoing connection whose ephemeral port it happens to be.
 */
public class HostPortInUseException extends ContainerRuntimeException {

    public HostPortInUseException(String message) {
        super(message);
    }

    public HostPortInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
