package dev.orc.node.ingress;

import dev.orc.api.ingress.Destination;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Spreads the requests of each destination (Service port) over its ready endpoints in turn. One per route table. */
final class RoundRobin {
    private final ConcurrentMap<String, AtomicInteger> cursors = new ConcurrentHashMap<>();

    /** The next endpoint of {@code destination}, which must have one. */
    Destination.Endpoint next(Destination destination) {
        int turn = cursors.computeIfAbsent(destination.service() + ":" + destination.port(), key -> new AtomicInteger())
                .getAndIncrement();
        return destination.endpoints().get(Math.floorMod(turn, destination.endpoints().size()));
    }
}
