package dev.orc.node.config;

/** A container cannot be configured yet (a missing ConfigMap key, a bad field path); it waits with CreateContainerConfigError. */
public class ContainerConfigException extends RuntimeException {
    public ContainerConfigException(String message) {
        super(message);
    }
}
