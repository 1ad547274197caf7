package dev.orc.node.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
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
public final class ServiceProxy implements AutoCloseable {
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

    public synchronized void apply(ServiceSnapshot snapshot) {
        Map<ListenAddress, Frontend> desired = new LinkedHashMap<>(ProxyRules.compute(snapshot, options.nodeAddress()));
        bindAddresses(desired);
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

    private void bindAddresses(Map<ListenAddress, Frontend> desired) {
        Set<String> wanted = new HashSet<>();
        desired.values().stream().filter(Frontend::clusterIP).forEach(f -> wanted.add(f.listen().host()));
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
