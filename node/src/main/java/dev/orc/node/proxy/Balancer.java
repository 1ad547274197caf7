package dev.orc.node.proxy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses backends for new connections: round-robin over the ready backends; with client-IP affinity, a
 * client goes back to the backend it last used until it has been idle for the affinity timeout. It answers
 * with an order to try, so a failed connect moves on to the next backend.
 */
final class Balancer {
    private record Sticky(Backend backend, Instant lastUsed) {
    }

    private final InstantSource clock;
    private final AtomicInteger cursor = new AtomicInteger();
    private final Map<String, Sticky> sticky = new ConcurrentHashMap<>();
    private volatile List<Backend> backends;
    private volatile Duration affinity;

    Balancer(List<Backend> backends, Duration affinity, InstantSource clock) {
        this.backends = List.copyOf(backends);
        this.affinity = affinity;
        this.clock = clock;
    }

    List<Backend> backends() {
        return backends;
    }

    /** Every ready backend, in the order a new connection from {@code clientIp} should try them. */
    List<Backend> candidates(String clientIp) {
        List<Backend> current = backends;
        if (current.isEmpty()) {
            return List.of();
        }
        int start = Math.floorMod(cursor.getAndIncrement(), current.size());
        List<Backend> order = new ArrayList<>(current.size());
        for (int i = 0; i < current.size(); i++) {
            order.add(current.get((start + i) % current.size()));
        }
        Duration timeout = affinity;
        if (timeout != null) {
            Sticky previous = sticky.get(clientIp);
            if (previous != null) {
                if (previous.lastUsed().plus(timeout).isAfter(clock.instant()) && order.remove(previous.backend())) {
                    order.add(0, previous.backend());
                } else {
                    sticky.remove(clientIp, previous);
                }
            }
        }
        return order;
    }

    /** {@code clientIp} is now connected to {@code backend}. */
    void chosen(String clientIp, Backend backend) {
        if (affinity != null) {
            sticky.put(clientIp, new Sticky(backend, clock.instant()));
        }
    }

    /** New ready backends and affinity; clients stuck to a backend that is gone will choose again. */
    void update(List<Backend> backends, Duration affinity) {
        this.backends = List.copyOf(backends);
        this.affinity = affinity;
        if (affinity == null) {
            sticky.clear();
        } else {
            Instant now = clock.instant();
            sticky.values().removeIf(s -> !backends.contains(s.backend()) || !s.lastUsed().plus(affinity).isAfter(now));
        }
    }
}
