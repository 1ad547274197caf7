package dev.orc.reconciler.scheduler.framework;

/**
 * A port a pod publishes on its node. Two host ports conflict when protocol and port are equal and
 * either address is the wildcard or both addresses are the same.
 */
public record HostPort(String ip, String protocol, int port) {
    public static final String ANY_IP = "0.0.0.0";
    public static final String TCP = "TCP";

    /** A host port with Kubernetes' defaults: any address, TCP. */
    public static HostPort of(String ip, String protocol, int port) {
        return new HostPort(ip == null || ip.isEmpty() ? ANY_IP : ip,
                protocol == null || protocol.isEmpty() ? TCP : protocol, port);
    }

    /** Protocol and port, the part two host ports must share to be able to conflict. */
    public String slot() {
        return protocol + "/" + port;
    }

    public boolean anyIp() {
        return ANY_IP.equals(ip);
    }
}
