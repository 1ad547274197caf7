package dev.orc.node.ingress;

import dev.orc.node.cluster.NodeApi;

/** A node's ingress controller: the watches feeding the route table and the listener serving it. */
public final class NodeIngress implements AutoCloseable {
    private final IngressServer server;
    private final IngressSources sources;

    private NodeIngress(IngressServer server, IngressSources sources) {
        this.server = server;
        this.sources = sources;
    }

    public static NodeIngress start(IngressConfig config, NodeApi api) {
        IngressServer server = IngressServer.start(config);
        try {
            return new NodeIngress(server, IngressSources.watch(api, server::apply));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public int httpPort() {
        return server.httpPort();
    }

    public int httpsPort() {
        return server.httpsPort();
    }

    @Override
    public void close() {
        sources.close();
        server.close();
    }
}
