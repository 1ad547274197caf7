package dev.orc.node.ingress;

import dev.orc.api.ingress.Destination;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Spreads the requests of each destination (Service port) over its ready endpoints in turn. One per route table. */
final class RoundRobin {
    private final ConcurrentMap<ServicePort, AtomicInteger> cursors = new ConcurrentHashMap<>();

    /** Whose turns a cursor counts: a Service's port, however many rules lead to it. */
    private record ServicePort(String service, String port) {
    }

    /** Every endpoint of {@code destination}, starting with the one whose turn it is, then the others in order. */
    List<Destination.Endpoint> order(Destination destination) {
        List<Destination.Endpoint> endpoints = destination.endpoints();
        int turn = cursors.computeIfAbsent(new ServicePort(destination.service(), destination.port()),
                key -> new AtomicInteger()).getAndIncrement();
        int start = Math.floorMod(turn, endpoints.size());
        List<Destination.Endpoint> order = new ArrayList<>(endpoints.size());
        for (int i = 0; i < endpoints.size(); i++) {
            order.add(endpoints.get((start + i) % endpoints.size()));
        }
        return order;
    }
}
