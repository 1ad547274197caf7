package dev.orc.node.runtime;

import java.util.Locale;

/** Where a container is in its life. */
public enum ContainerState {
    CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD;

    /** Reads the engine's lower-case status word ({@code running}, {@code exited}, ...). */
    public static ContainerState parse(String status) {
        try {
            return valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ContainerRuntimeException("unknown container state '" + status + "'");
        }
    }
}
