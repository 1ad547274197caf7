package dev.orc.cli.server;

import dev.orc.node.ingress.NodeIngress;

/** Where a node's ingress listens, in the words the start-up lines use. */
public final class IngressPorts {
    private IngressPorts() {
    }

    public static String describe(NodeIngress ingress) {
        return "HTTP on " + port(ingress.httpPort()) + ", HTTPS on " + port(ingress.httpsPort());
    }

    private static String port(int port) {
        return port < 0 ? "no port (taken)" : "port " + port;
    }
}
