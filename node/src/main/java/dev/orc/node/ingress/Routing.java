package dev.orc.node.ingress;

import dev.orc.api.ingress.RouteTable;

/** The routes and the turn-taking of one moment, swapped whole when Ingresses, Services or endpoints change. */
record Routing(RouteTable routes, RoundRobin turns) {
    static Routing empty() {
        return new Routing(RouteTable.EMPTY, new RoundRobin());
    }
}
