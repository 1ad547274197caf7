package dev.orc.node.runtime;

import java.util.Objects;

/**
 * The network a container gets: the default bridge, none, the host's, or another container's
 * network namespace ({@code container:<id>}, how a pod's containers share the infra container's).
 */
public record NetworkMode(String value) {

    private static final String CONTAINER_PREFIX = "container:";

    public NetworkMode {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.equals(CONTAINER_PREFIX)) {
            throw new IllegalArgumentException("network mode must be bridge, none, host or container:<id>, got '" + value + "'");
        }
    }

    public static NetworkMode bridge() {
        return new NetworkMode("bridge");
    }

    public static NetworkMode none() {
        return new NetworkMode("none");
    }

    public static NetworkMode host() {
        return new NetworkMode("host");
    }

    public static NetworkMode container(String idOrName) {
        return new NetworkMode(CONTAINER_PREFIX + idOrName);
    }

    public static NetworkMode parse(String value) {
        return new NetworkMode(value);
    }

    public boolean joinsContainer() {
        return value.startsWith(CONTAINER_PREFIX);
    }

    /** The container whose namespace is joined; only for {@link #joinsContainer()}. */
    public String joinedContainer() {
        if (!joinsContainer()) {
            throw new IllegalStateException("network mode '" + value + "' joins no container");
        }
        return value.substring(CONTAINER_PREFIX.length());
    }

    @Override
    public String toString() {
        return value;
    }
}
