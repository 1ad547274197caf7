package dev.orc.node;

import dev.orc.node.proxy.ProxyMode;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The node's part in services.
 *
 * @param proxy whether the node runs the service proxy (cluster IPs and node ports)
 * @param dns whether the node runs the cluster DNS server and points its pods at it
 * @param dnsAddress where the DNS server listens; empty: the runtime's gateway (Docker's bridge), else the node
 *                   address, port 53. An address the machine does not have yet is added like a service address.
 * @param dnsUpstreams where names outside the cluster domain go; empty: the host's resolvers (/etc/resolv.conf)
 * @param clusterDomain the cluster's DNS domain, {@value #DEFAULT_DOMAIN} by default
 * @param proxyMode how the proxy forwards: in the kernel (iptables), in user space, or iptables when it works
 */
public record NodeNetworkConfig(boolean proxy, boolean dns, Optional<InetSocketAddress> dnsAddress,
                                List<InetSocketAddress> dnsUpstreams, String clusterDomain, ProxyMode proxyMode) {
    public static final String DEFAULT_DOMAIN = "cluster.local";
    public static final int DNS_PORT = 53;

    /** Proxy (iptables when it works) and DNS on, DNS on the bridge gateway, the host's resolvers upstream. */
    public static final NodeNetworkConfig DEFAULTS = new NodeNetworkConfig(true, true, Optional.empty(), List.of(),
            DEFAULT_DOMAIN, ProxyMode.AUTO);
    /** Neither proxy nor DNS: pods get the runtime's default resolv.conf and no service variables change traffic. */
    public static final NodeNetworkConfig OFF = new NodeNetworkConfig(false, false, Optional.empty(), List.of(),
            DEFAULT_DOMAIN);

    /** A user-space proxy, which needs no privilege: what tests of the node's services run. */
    public NodeNetworkConfig(boolean proxy, boolean dns, Optional<InetSocketAddress> dnsAddress,
                             List<InetSocketAddress> dnsUpstreams, String clusterDomain) {
        this(proxy, dns, dnsAddress, dnsUpstreams, clusterDomain, ProxyMode.USERSPACE);
    }

    public NodeNetworkConfig {
        Objects.requireNonNull(dnsAddress, "dnsAddress");
        Objects.requireNonNull(proxyMode, "proxyMode");
        dnsUpstreams = List.copyOf(dnsUpstreams);
        if (clusterDomain == null || clusterDomain.isBlank() || clusterDomain.startsWith(".") || clusterDomain.endsWith(".")) {
            throw new IllegalArgumentException("--cluster-domain must be a domain name like cluster.local, got '"
                    + clusterDomain + "'");
        }
    }

    public NodeNetworkConfig withDns(InetSocketAddress address, List<InetSocketAddress> upstreams) {
        return new NodeNetworkConfig(proxy, true, Optional.of(address), upstreams, clusterDomain, proxyMode);
    }
}
