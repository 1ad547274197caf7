package dev.orc.node;

import dev.orc.node.cluster.NodeApiException;
import dev.orc.node.cluster.NodeApi;
import dev.orc.api.net.EndpointIps;
import dev.orc.node.dns.ClientNetworks;
import dev.orc.node.dns.DnsServer;
import dev.orc.node.dns.ResolvConf;
import dev.orc.node.pod.PodNetworking;
import dev.orc.node.proxy.AddressBinder;
import dev.orc.node.proxy.CommandRunner;
import dev.orc.node.proxy.Destinations;
import dev.orc.node.proxy.ServiceForwarder;
import dev.orc.node.proxy.ServiceForwarders;
import dev.orc.node.proxy.ServiceProxy;
import dev.orc.node.proxy.ServiceSnapshot;
import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ContainerRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node's service side: watches of every Service and Endpoints feeding the service proxy and the cluster DNS
 * server, and what pods get of them ({@link #podNetworking()}). Closing stops the watches and the DNS server,
 * closes the proxy's listeners and removes every address the node added (service IPs and the DNS address).
 */
public final class NodeServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeServices.class);
    private static final Duration FIRST_SYNC = Duration.ofSeconds(10);
    private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration IPTABLES_TIMEOUT = Duration.ofSeconds(10);

    private final NodeNetworkConfig config;
    private final AddressBinder addresses;
    private final ServiceForwarder proxy;
    private final DnsServer dns;
    private final ClusterServices services;
    private final List<AutoCloseable> watches;

    private NodeServices(NodeNetworkConfig config, AddressBinder addresses, ServiceForwarder proxy, DnsServer dns,
                         ClusterServices services, List<AutoCloseable> watches) {
        this.config = config;
        this.addresses = addresses;
        this.proxy = proxy;
        this.dns = dns;
        this.services = services;
        this.watches = watches;
    }

    /**
     * Starts what {@code config} asks for and waits (a bounded while) for the first list of Services and Endpoints,
     * so the first containers already get their variables. {@code addresses} binds service IPs and the DNS address.
     */
    public static NodeServices start(NodeNetworkConfig config, NodeApi api, ContainerRuntime runtime, String hostIP,
                                     AddressBinder addresses) {
        return start(config, api, runtime, hostIP, addresses, hostIP);
    }

    /** As above; {@code owner} names this agent's iptables chains, the same for each run of the same agent. */
    public static NodeServices start(NodeNetworkConfig config, NodeApi api, ContainerRuntime runtime, String hostIP,
                                     AddressBinder addresses, String owner) {
        if (!config.proxy() && !config.dns()) {
            return new NodeServices(config, addresses, null, null, null, List.of());
        }
        DnsServer dns = config.dns() ? startDns(config, runtime, hostIP, addresses) : null;
        ServiceForwarder proxy = config.proxy() ? ServiceForwarders.start(config.proxyMode(), owner,
                ServiceProxy.Options.defaults(), addresses, CommandRunner.processes(IPTABLES_TIMEOUT),
                destinations(runtime)) : null;
        ClusterServices services = new ClusterServices(snapshot -> publish(snapshot, proxy, dns));
        List<AutoCloseable> watches = new ArrayList<>();
        NodeServices started = new NodeServices(config, addresses, proxy, dns, services, watches);
        try {
            watches.add(api.watchServices(services.serviceHandler()));
            watches.add(api.watchEndpoints(services.endpointsHandler()));
            if (!services.awaitSynced(FIRST_SYNC)) {
                LOG.warn("services and endpoints not listed within {} s; containers started before they are get no "
                        + "service variables", FIRST_SYNC.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.close();
            throw new NodeApiException("interrupted while listing services and endpoints", e);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** The cluster DNS and service variables the node's pods get. */
    public PodNetworking podNetworking() {
        if (services == null) {
            return PodNetworking.NONE;
        }
        return new PodNetworking(dnsAddress().map(a -> a.getAddress().getHostAddress()), config.clusterDomain(),
                services);
    }

    /** Where the cluster DNS server answers; empty when it does not run. */
    public Optional<InetSocketAddress> dnsAddress() {
        return Optional.ofNullable(dns).map(DnsServer::address);
    }

    /** The Services and Endpoints as the node knows them now. */
    public ServiceSnapshot snapshot() {
        return services == null ? ServiceSnapshot.EMPTY : services.snapshot();
    }

    @Override
    public void close() {
        for (AutoCloseable watch : watches) {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.debug("closing a services watch failed", e);
            }
        }
        if (dns != null) {
            dns.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        addresses.close();
    }

    private static void publish(ServiceSnapshot snapshot, ServiceForwarder proxy, DnsServer dns) {
        if (dns != null) {
            dns.update(snapshot);
        }
        if (proxy != null) {
            try {
                proxy.apply(snapshot);
            } catch (RuntimeException e) {
                LOG.warn("the service proxy could not apply the latest services: {}", e.getMessage(), e);
            }
        }
    }

    /** The DNS server on its address (added to the machine first if it is not there); null, said once, if it cannot run. */
    private static DnsServer startDns(NodeNetworkConfig config, ContainerRuntime runtime, String hostIP,
                                      AddressBinder addresses) {
        InetSocketAddress listen = config.dnsAddress().orElseGet(
                () -> new InetSocketAddress(gateway(runtime).orElse(hostIP), NodeNetworkConfig.DNS_PORT));
        String ip = listen.getAddress().getHostAddress();
        boolean added = !isLocal(listen.getAddress());
        if (added && !addresses.bind(ip)) {
            LOG.warn("cluster DNS is off: cannot add {} to this machine; choose an address it has with --dns-address", ip);
            return null;
        }
        List<InetSocketAddress> upstreams = (config.dnsUpstreams().isEmpty()
                ? ResolvConf.nameservers(ResolvConf.DEFAULT) : config.dnsUpstreams())
                .stream().filter(u -> !u.equals(listen)).toList();
        try {
            DnsServer server = DnsServer.start(new DnsServer.Options(listen, config.clusterDomain(), upstreams,
                    UPSTREAM_TIMEOUT, ClientNetworks.serving(clientSides(listen, runtime))));
            LOG.info("cluster DNS for {} on {}, upstream {}", config.clusterDomain(), server.address(), upstreams);
            return server;
        } catch (IOException e) {
            if (added) {
                addresses.unbind(ip);
            }
            LOG.warn("cluster DNS is off: cannot listen on {} ({}); choose a free address with --dns-address", listen,
                    e.getMessage());
            return null;
        }
    }

    /** Where the DNS server's clients are: its own address's network and the pods' bridge. */
    private static List<InetAddress> clientSides(InetSocketAddress listen, ContainerRuntime runtime) {
        List<InetAddress> sides = new ArrayList<>(List.of(listen.getAddress()));
        gateway(runtime).flatMap(EndpointIps::parse).ifPresent(sides::add);
        return sides;
    }

    /** Local containers' published ports go straight to the container when the runtime's bridge is on this machine. */
    private static Destinations destinations(ContainerRuntime runtime) {
        boolean localBridge = gateway(runtime).map(ip -> {
            try {
                return isLocal(InetAddress.getByName(ip));
            } catch (IOException e) {
                return false;
            }
        }).orElse(false);
        return localBridge ? new PublishedPorts(runtime) : Destinations.unchanged();
    }

    private static Optional<String> gateway(ContainerRuntime runtime) {
        try {
            return runtime.gatewayAddress();
        } catch (ContainerRuntimeException e) {
            LOG.warn("cannot find the runtime's bridge gateway, DNS goes on the node address: {}", e.getMessage());
            return Optional.empty();
        }
    }

    static boolean isLocal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
