package dev.orc.node;

import dev.orc.node.proxy.Backend;
import dev.orc.node.proxy.Destinations;
import dev.orc.node.runtime.ContainerInfo;
import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ContainerState;
import dev.orc.node.runtime.ContainerSummary;
import dev.orc.node.runtime.PortMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Endpoints are node addresses and published host ports; when the container behind such a port runs on this
 * machine's Docker bridge, the kernel can DNAT straight to the container's address and port, skipping Docker's
 * user-space port proxy (and reaching endpoints on 127.0.0.1 from pods without route_localnet). Containers are
 * listed at each apply and inspected once each; a failure lists nothing and leaves every backend as it is.
 */
final class PublishedPorts implements Destinations {
    private static final Logger LOG = LoggerFactory.getLogger(PublishedPorts.class);

    private final ContainerRuntime runtime;
    private final Map<String, ContainerInfo> inspected = new ConcurrentHashMap<>();

    PublishedPorts(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public UnaryOperator<Backend> now() {
        Map<Backend, Backend> exact = new HashMap<>();
        Map<Integer, Backend> anyAddress = new HashMap<>();
        try {
            Set<String> running = runtime.list(Map.of()).stream()
                    .filter(c -> c.state() == ContainerState.RUNNING)
                    .map(ContainerSummary::id)
                    .collect(Collectors.toSet());
            inspected.keySet().retainAll(running);
            for (String id : running) {
                ContainerInfo info = inspected.computeIfAbsent(id, runtime::inspect);
                if (info.ipAddress().isEmpty()) {
                    continue;
                }
                for (PortMapping port : info.ports()) {
                    if (port.protocol() != PortMapping.Protocol.TCP) {
                        continue;
                    }
                    Backend container = new Backend(info.ipAddress(), port.containerPort());
                    if (port.hostIp().isEmpty() || port.hostIp().equals("0.0.0.0")) {
                        anyAddress.put(port.hostPort(), container);
                    } else {
                        exact.put(new Backend(port.hostIp(), port.hostPort()), container);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("cannot list the published ports of this machine's containers: {}", e.getMessage());
            return UnaryOperator.identity();
        }
        return backend -> exact.getOrDefault(backend,
                anyAddress.containsKey(backend.port()) && local(backend.host()) ? anyAddress.get(backend.port()) : backend);
    }

    private static boolean local(String host) {
        try {
            return NodeServices.isLocal(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
