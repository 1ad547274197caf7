package dev.orc.reconciler.controller.nodelifecycle;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When this controller last saw each node's heartbeat change, by its own clock, as Kubernetes' node lifecycle
 * controller keeps a probe timestamp: the grace period runs from that moment, not from the time written in the
 * heartbeat. A control plane that was down (or a clock that differs) then does not declare every node lost the
 * moment it starts; a node whose heartbeat stays the same is lost a grace period after it was first seen.
 */
final class HeartbeatObservations {
    private record Seen(String heartbeat, Instant at) {
    }

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    /** The moment the node's current heartbeat value was first seen. */
    Instant observe(String node, String heartbeat, Instant now) {
        Seen last = seen.get(node);
        if (last == null || !last.heartbeat().equals(heartbeat)) {
            seen.put(node, new Seen(heartbeat, now));
            return now;
        }
        return last.at();
    }

    void forget(String node) {
        seen.remove(node);
    }
}
