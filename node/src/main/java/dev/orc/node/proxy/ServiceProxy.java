package dev.orc.node.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The node's service proxy. Each {@link #apply} takes the whole current state of Services and Endpoints and
 * makes the node serve it: service IPs bound (through the {@link AddressBinder}), a listener per cluster IP
 * port and per node port, backends updated in place, listeners and addresses of services that went away
 * removed. A listener that cannot open now is tried again on the next apply.
 */
public final class ServiceProxy implements ServiceForwarder {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceProxy.class);

    /**
     * {@code nodeAddress} is where node ports listen (0.0.0.0: every address of the node); {@code connectTimeout}
     * bounds a TCP connect before the next endpoint is tried; {@code udpIdleTimeout} ends quiet UDP sessions.
     */
    public record Options(String nodeAddress, Duration connectTimeout, Duration udpIdleTimeout, InstantSource clock) {
        public static Options defaults() {
            return new Options("0.0.0.0", Duration.ofSeconds(2), Duration.ofSeconds(30), InstantSource.system());
        }
    }

    private final Options options;
    private final AddressBinder addresses;
    private final Map<ListenAddress, Listener> listeners = new HashMap<>();
    private final Set<String> boundIps = new HashSet<>();
    private final Set<String> unbindable = new HashSet<>();

    public ServiceProxy(Options options, AddressBinder addresses) {
        this.options = options;
        this.addresses = addresses;
    }

    @Override
    public void apply(ServiceSnapshot snapshot) {
        Map<ListenAddress, Frontend> frontends = ProxyRules.compute(snapshot, options.nodeAddress());
        serve(frontends, clusterIPs(frontends.values()));
    }

    /**
     * Listens for exactly {@code frontends} and keeps exactly {@code addresses} bound (a frontend on a cluster IP
     * outside them is not served): the kernel proxy hands its UDP services here and binds every cluster IP.
     */
    synchronized void serve(Map<ListenAddress, Frontend> frontends, Set<String> addresses) {
        Map<ListenAddress, Frontend> desired = new LinkedHashMap<>(frontends);
        bindAddresses(addresses);
        for (ListenAddress gone : Set.copyOf(listeners.keySet())) {
            if (!desired.containsKey(gone)) {
                listeners.remove(gone).close();
            }
        }
        desired.forEach((at, frontend) -> {
            if (frontend.clusterIP() && !boundIps.contains(at.host())) {
                return;
            }
            Listener existing = listeners.get(at);
            if (existing != null) {
                existing.update(frontend);
                return;
            }
            try {
                listeners.put(at, at.protocol() == ListenAddress.Protocol.TCP
                        ? TcpForwarder.open(frontend, options.connectTimeout(), options.clock())
                        : UdpForwarder.open(frontend, options.udpIdleTimeout(), options.clock()));
            } catch (IOException e) {
                LOG.warn("cannot serve {} on {}: {}", frontend.service(), at, e.getMessage());
            }
        });
    }

    /** Where the proxy listens now. */
    public synchronized Set<ListenAddress> listening() {
        return Set.copyOf(listeners.keySet());
    }

    @Override
    public synchronized void close() {
        listeners.values().forEach(Listener::close);
        listeners.clear();
        boundIps.forEach(addresses::unbind);
        boundIps.clear();
        addresses.close();
    }

    static Set<String> clusterIPs(Collection<Frontend> frontends) {
        Set<String> ips = new HashSet<>();
        frontends.stream().filter(Frontend::clusterIP).forEach(f -> ips.add(f.listen().host()));
        return ips;
    }

    private void bindAddresses(Set<String> wanted) {
        for (String ip : wanted) {
            if (!boundIps.contains(ip) && !unbindable.contains(ip)) {
                if (addresses.bind(ip)) {
                    boundIps.add(ip);
                } else {
                    unbindable.add(ip);
                }
            }
        }
        for (String ip : Set.copyOf(boundIps)) {
            if (!wanted.contains(ip)) {
                listeners.entrySet().removeIf(entry -> {
                    boolean onIp = entry.getKey().host().equals(ip);
                    if (onIp) {
                        entry.getValue().close();
                    }
                    return onIp;
                });
                addresses.unbind(ip);
                boundIps.remove(ip);
            }
        }
        unbindable.retainAll(wanted);
    }
}
