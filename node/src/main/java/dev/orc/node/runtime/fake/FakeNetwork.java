package dev.orc.node.runtime.fake;

import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.HostPortInUseException;
import dev.orc.node.runtime.PortMapping;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Addresses and published ports of fake containers. A network namespace is named by the container
 * that owns it; containers joining it share its ports. Guarded by the runtime's lock.
 */
final class FakeNetwork {

    private static final int FIRST_ALLOCATED_PORT = 40000;
    private static final int LAST_ALLOCATED_PORT = 59999;

    private int nextAddress = 2;
    private int nextPort = FIRST_ALLOCATED_PORT;

    /** Binds the container's ports (or finds its namespace owner's), opens sockets for what it serves, and marks it running. */
    void start(FakeContainer c, FakeContainer owner, Collection<FakeContainer> all, Instant now) {
        List<PortMapping> bound = c == owner ? bind(c, all) : List.of();
        List<PortMapping> published = c == owner ? bound : owner.boundPorts();
        List<PortServer> servers = new ArrayList<>();
        try {
            for (Map.Entry<Integer, String> served : c.program.serves().entrySet()) {
                for (PortMapping port : published) {
                    if (port.containerPort() == served.getKey() && port.protocol() == PortMapping.Protocol.TCP) {
                        servers.add(PortServer.open(port.hostIp(), port.hostPort(), served.getValue()));
                    }
                }
            }
        } catch (RuntimeException e) {
            servers.forEach(PortServer::close);
            throw new HostPortInUseException("cannot start container '" + c.spec.name() + "': " + e.getMessage(), e);
        }
        String ip = c == owner && c.spec.networkMode().value().equals("bridge") ? address() : "";
        c.started(now, bound, servers, ip, owner.id);
    }

    /** What a connection to 127.0.0.1:port inside the namespace gets, if anything there serves the port. */
    Optional<String> answer(FakeContainer owner, int port, Collection<FakeContainer> all) {
        return all.stream()
                .filter(FakeContainer::running)
                .filter(c -> c.netnsOwnerId().equals(owner.id))
                .map(c -> c.program.serves().get(port))
                .filter(a -> a != null)
                .findFirst();
    }

    private List<PortMapping> bind(FakeContainer c, Collection<FakeContainer> all) {
        Set<String> used = new HashSet<>();
        all.stream().filter(FakeContainer::running)
                .flatMap(o -> o.boundPorts().stream())
                .forEach(p -> used.add(p.hostPort() + "/" + p.protocol()));
        List<PortMapping> result = new ArrayList<>();
        for (PortMapping p : c.spec.ports()) {
            int hostPort = p.hostPort();
            if (hostPort == 0) {
                hostPort = allocate(used, p.protocol());
            } else if (used.contains(hostPort + "/" + p.protocol())) {
                throw new HostPortInUseException("cannot start container '" + c.spec.name() + "': Bind for "
                        + (p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp()) + ":" + hostPort + " failed: port is already allocated");
            } else if (p.protocol() == PortMapping.Protocol.TCP) {
                requireFree(c, hostPort);
            }
            used.add(hostPort + "/" + p.protocol());
            result.add(new PortMapping(p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp(), hostPort, p.containerPort(), p.protocol()));
        }
        return result;
    }

    /** As Docker's proxy binds a host port it is asked for: taken by any socket of this host, the start fails. */
    private static void requireFree(FakeContainer c, int hostPort) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), hostPort));
        } catch (IOException e) {
            throw new HostPortInUseException("cannot start container '" + c.spec.name()
                    + "': Error starting userland proxy: listen tcp4 0.0.0.0:" + hostPort + ": bind: "
                    + e.getMessage(), e);
        }
    }

    private int allocate(Set<String> used, PortMapping.Protocol protocol) {
        for (int i = 0; i <= LAST_ALLOCATED_PORT - FIRST_ALLOCATED_PORT; i++) {
            int candidate = nextPort;
            nextPort = nextPort == LAST_ALLOCATED_PORT ? FIRST_ALLOCATED_PORT : nextPort + 1;
            if (!used.contains(candidate + "/" + protocol)) {
                return candidate;
            }
        }
        throw new ContainerRuntimeException("no free host port left between " + FIRST_ALLOCATED_PORT + " and " + LAST_ALLOCATED_PORT);
    }

    private String address() {
        int n = nextAddress++;
        return "172.17." + (n / 256) + "." + (n % 256);
    }
}
