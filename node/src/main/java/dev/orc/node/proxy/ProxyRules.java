package dev.orc.node.proxy;

import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.model.ServiceSpec;
import dev.orc.api.net.EndpointIps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pure part of the proxy: from a snapshot, every address to listen on and its ready backends. A service
 * with a cluster IP is served on {@code clusterIP:port}; a NodePort or LoadBalancer service also on
 * {@code nodeAddress:nodePort}. Headless and ExternalName services are DNS's business. An endpoint port
 * belongs to the service port of the same name; not-ready addresses get no traffic, nor do addresses an Endpoints
 * object may not name ({@link EndpointIps}): the proxy runs in the host's network namespace, so a link-local backend
 * would reach the node's cloud metadata.
 */
public final class ProxyRules {
    /** Kubernetes' default for {@code sessionAffinityConfig.clientIP.timeoutSeconds}: three hours. */
    public static final Duration DEFAULT_AFFINITY = Duration.ofSeconds(10800);

    private ProxyRules() {
    }

    public static Map<ListenAddress, Frontend> compute(ServiceSnapshot snapshot, String nodeAddress) {
        Map<ListenAddress, Frontend> frontends = new LinkedHashMap<>();
        for (Service service : snapshot.services()) {
            ServiceSpec spec = service.spec();
            if (spec == null || ServiceSpec.EXTERNAL_NAME.equals(spec.type())) {
                continue;
            }
            Endpoints endpoints = snapshot.endpointsOf(service).orElse(null);
            Duration affinity = affinity(spec);
            boolean hasClusterIP = spec.clusterIP() != null && !spec.clusterIP().isEmpty() && !spec.headless();
            boolean nodePorts = ServiceSpec.NODE_PORT.equals(spec.type()) || ServiceSpec.LOAD_BALANCER.equals(spec.type());
            for (ServicePort port : spec.ports()) {
                ListenAddress.Protocol protocol = protocol(port.protocol());
                if (protocol == null || port.port() == null) {
                    continue;
                }
                List<Backend> backends = backends(endpoints, port.name(), protocol);
                String name = service.namespace() + "/" + service.name() + (port.name() == null ? "" : ":" + port.name());
                if (hasClusterIP) {
                    ListenAddress at = new ListenAddress(spec.clusterIP(), port.port(), protocol);
                    frontends.put(at, new Frontend(at, name, backends, affinity, true));
                }
                if (nodePorts && port.nodePort() != null) {
                    ListenAddress at = new ListenAddress(nodeAddress, port.nodePort(), protocol);
                    frontends.put(at, new Frontend(at, name, backends, affinity, false));
                }
            }
        }
        return frontends;
    }

    /** The ready addresses of {@code endpoints} at the port named like the service port that a proxy may reach. */
    static List<Backend> backends(Endpoints endpoints, String portName, ListenAddress.Protocol protocol) {
        List<Backend> backends = new ArrayList<>();
        if (endpoints == null) {
            return backends;
        }
        for (Endpoints.Subset subset : endpoints.subsets()) {
            for (Endpoints.Port port : subset.ports()) {
                if (Objects.equals(blank(port.name()), blank(portName)) && protocol(port.protocol()) == protocol && port.port() != null) {
                    subset.addresses().stream()
                            .filter(address -> EndpointIps.refusal(address.ip()).isEmpty())
                            .forEach(address -> backends.add(new Backend(address.ip(), port.port())));
                }
            }
        }
        return backends.stream().distinct().toList();
    }

    private static Duration affinity(ServiceSpec spec) {
        if (!ServiceSpec.AFFINITY_CLIENT_IP.equals(spec.sessionAffinity())) {
            return null;
        }
        if (spec.sessionAffinityConfig() != null && spec.sessionAffinityConfig().clientIP() != null
                && spec.sessionAffinityConfig().clientIP().timeoutSeconds() != null) {
            return Duration.ofSeconds(spec.sessionAffinityConfig().clientIP().timeoutSeconds());
        }
        return DEFAULT_AFFINITY;
    }

    private static ListenAddress.Protocol protocol(String protocol) {
        if (protocol == null || protocol.equals("TCP")) {
            return ListenAddress.Protocol.TCP;
        }
        return protocol.equals("UDP") ? ListenAddress.Protocol.UDP : null;
    }

    private static String blank(String name) {
        return name == null ? "" : name;
    }
}
