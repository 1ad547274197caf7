package dev.orc.node.proxy;

import java.time.Duration;
import java.util.List;

/**
 * One service port as the proxy serves it at one address: the ready backends and, for
 * {@code sessionAffinity: ClientIP}, how long a client sticks to its backend (null without affinity).
 * {@code clusterIP} says whether the address is a service's virtual IP that must be bound on the node first.
 */
public record Frontend(ListenAddress listen, String service, List<Backend> backends, Duration affinity, boolean clusterIP) {
    public Frontend {
        backends = List.copyOf(backends);
    }
}
