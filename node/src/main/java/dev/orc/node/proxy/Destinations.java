package dev.orc.node.proxy;

import java.util.function.UnaryOperator;

/**
 * Where the kernel should send a backend's traffic, asked once per apply: a backend may be reachable more directly
 * than at its endpoint address (a port published by a local container is the container's own address and port).
 */
@FunctionalInterface
public interface Destinations {
    UnaryOperator<Backend> now();

    /** Every backend at its endpoint address. */
    static Destinations unchanged() {
        return UnaryOperator::identity;
    }
}
