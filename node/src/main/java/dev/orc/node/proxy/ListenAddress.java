package dev.orc.node.proxy;

/** Where the proxy listens for one service port: an address, a port and TCP or UDP. */
public record ListenAddress(String host, int port, Protocol protocol) {
    public enum Protocol { TCP, UDP }

    @Override
    public String toString() {
        return host + ":" + port + "/" + protocol;
    }
}
