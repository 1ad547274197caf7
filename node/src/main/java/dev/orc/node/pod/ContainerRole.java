package dev.orc.node.pod;

import java.util.Locale;

/** What a container is to its pod: the network holder, an init container or an app container. */
public enum ContainerRole {
    INFRA, INIT, APP;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads the role label; anything unknown is read as an app container, which the pod worker may stop. */
    public static ContainerRole fromLabel(String value) {
        for (ContainerRole role : values()) {
            if (role.label().equals(value)) {
                return role;
            }
        }
        return APP;
    }
}
