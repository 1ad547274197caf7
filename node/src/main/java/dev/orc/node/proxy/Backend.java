package dev.orc.node.proxy;

import java.net.InetSocketAddress;

/** One ready endpoint: a node address and the host port a pod's container port is published on. */
public record Backend(String host, int port) {
    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
