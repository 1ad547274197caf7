package dev.orc.node.runtime;

/** The container engine cannot be reached (not installed, not running, or no permission on its socket). */
public class RuntimeUnavailableException extends ContainerRuntimeException {

    public RuntimeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
