package dev.orc.reconciler.services;

import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.model.ServiceSpec;
import dev.orc.reconciler.store.Store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Cluster IPs and node ports of Services, held in the store under {@value #CLUSTER_IPS} and
 * {@value #NODE_PORTS} so that every API server sharing the store agrees. The API server calls
 * {@link #reserve} when a Service is created or updated (before it is stored), {@link #replaced} once an update
 * is stored, the reservation's {@link Reservation#undo} when the write failed, and {@link #release} after it is
 * deleted. A value is given back only once no stored Service holds it, so two Services never hold one value; on a
 * failed allocation or write nothing it claimed stays claimed, and nothing it found already held is given back.
 */
public final class ServiceAllocations {
    public static final String CLUSTER_IPS = "/registry/allocations/clusterips/";
    public static final String NODE_PORTS = "/registry/allocations/nodeports/";

    private final ServiceCidr cidr;
    private final PortRange nodePorts;
    private final StoreClaims ipClaims;
    private final StoreClaims portClaims;
    private final RangeAllocator ips;
    private final RangeAllocator ports;

    public ServiceAllocations(Store store, ServiceCidr cidr, PortRange nodePorts, RandomGenerator random) {
        this.cidr = cidr;
        this.nodePorts = nodePorts;
        this.ipClaims = new StoreClaims(store, CLUSTER_IPS);
        this.portClaims = new StoreClaims(store, NODE_PORTS);
        this.ips = new RangeAllocator(ipClaims, cidr.dynamicSize(), cidr::dynamicAt, random);
        this.ports = new RangeAllocator(portClaims, nodePorts.size(), i -> Integer.toString(nodePorts.first() + (int) i), random);
    }

    /** Cluster IPs from {@code cidr}, node ports from the default range. */
    public static ServiceAllocations withDefaults(Store store, ServiceCidr cidr) {
        return new ServiceAllocations(store, cidr, PortRange.DEFAULT, RandomGenerator.getDefault());
    }

    /**
     * {@code next} with its cluster IP and node ports filled in and claimed. {@code previous} is the stored
     * Service on update (null on create): its allocations carry over where {@code next} leaves them out; those
     * {@code next} no longer uses stay claimed until {@link #replaced}.
     *
     * @throws AllocationException naming the field, when a requested value is taken, out of range or not allowed
     */
    public Service allocate(Service previous, Service next) {
        return reserve(previous, next).service();
    }

    /**
     * As {@link #allocate}, with the means to give back exactly what this call claimed if the Service is then not
     * stored: a create of a Service that already exists asks again for the values the live one holds (their owner
     * is the same), and must not free them when the store refuses it.
     */
    public Reservation reserve(Service previous, Service next) {
        String owner = owner(next);
        Transaction tx = new Transaction(owner);
        try {
            String clusterIP = clusterIP(previous, next, tx);
            List<ServicePort> withNodePorts = nodePorts(previous, next, tx);
            ServiceSpec spec = next.spec().withClusterIP(clusterIP).withPorts(withNodePorts);
            return new Reservation(next.withSpec(spec), tx::rollback);
        } catch (RuntimeException e) {
            tx.rollback();
            throw e;
        }
    }

    /** A Service with its values filled in, and how to give back the values claimed for it if it is not stored. */
    public record Reservation(Service service, Runnable undo) {
    }

    /** {@code previous} was replaced by {@code stored} in the store: gives back what {@code stored} no longer holds. */
    public void replaced(Service previous, Service stored) {
        releaseUnused(previous, blankToNull(stored.spec().clusterIP()), stored.spec().ports());
    }

    /** Gives back the cluster IP and node ports the deleted {@code service} held. */
    public void release(Service service) {
        releaseUnused(service, null, List.of());
    }

    private String clusterIP(Service previous, Service next, Transaction tx) {
        String type = type(next);
        String requested = blankToNull(next.spec().clusterIP());
        if (ServiceSpec.EXTERNAL_NAME.equals(type)) {
            if (requested != null) {
                throw AllocationException.invalid("spec.clusterIP", requested, "must be empty for ExternalName services");
            }
            return null;
        }
        String held = previous == null || ServiceSpec.EXTERNAL_NAME.equals(type(previous))
                ? null : blankToNull(previous.spec().clusterIP());
        if (held != null && requested != null && !requested.equals(held)) {
            throw AllocationException.invalid("spec.clusterIP", requested, "field is immutable");
        }
        String wanted = held != null ? held : requested;
        if (ServiceSpec.NONE.equals(wanted)) {
            if (needsNodePorts(type)) {
                throw AllocationException.invalid("spec.clusterIP", wanted, "may not be set to 'None' for LoadBalancer or NodePort services");
            }
            return wanted;
        }
        if (wanted == null) {
            String ip = ips.allocate(tx.owner).orElseThrow(() -> AllocationException.full("spec.clusterIP", "serviceIP"));
            tx.ips.add(ip);
            return ip;
        }
        if (wanted.equals(held)) {
            return wanted;
        }
        long address = ServiceCidr.parseIp(wanted).orElseThrow(() -> AllocationException.invalid("spec.clusterIP", wanted,
                "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
        if (!cidr.contains(address)) {
            throw AllocationException.invalid("spec.clusterIP", wanted,
                    "provided IP is not in the valid range. The range of valid IPs is " + cidr);
        }
        StoreClaims.Claim claim = ipClaims.claim(wanted, tx.owner);
        if (!claim.held()) {
            throw AllocationException.invalid("spec.clusterIP", wanted, "provided IP is already allocated");
        }
        if (claim == StoreClaims.Claim.CLAIMED) {
            tx.ips.add(wanted);
        }
        return wanted;
    }

    private List<ServicePort> nodePorts(Service previous, Service next, Transaction tx) {
        boolean needed = needsNodePorts(type(next));
        List<ServicePort> previousPorts = previous == null || !needsNodePorts(type(previous)) ? List.of() : previous.spec().ports();
        Set<Integer> held = nodePortsOf(previousPorts);
        List<ServicePort> result = new ArrayList<>();
        List<ServicePort> ports = next.spec().ports();
        for (int i = 0; i < ports.size(); i++) {
            ServicePort port = ports.get(i);
            String field = "spec.ports[" + i + "].nodePort";
            Integer nodePort = port.nodePort();
            if (!needed) {
                if (nodePort != null && !held.contains(nodePort)) {
                    throw AllocationException.forbidden(field, "may not be used when `type` is '" + type(next) + "'");
                }
                result.add(port.withNodePort(null));
                continue;
            }
            if (nodePort == null) {
                nodePort = previousPorts.stream().filter(old -> samePort(old, port)).map(ServicePort::nodePort)
                        .filter(Objects::nonNull).findFirst().orElse(null);
            }
            if (nodePort == null) {
                String allocated = this.ports.allocate(tx.owner).orElseThrow(() -> AllocationException.full(field, "nodePort"));
                tx.ports.add(allocated);
                nodePort = Integer.parseInt(allocated);
            } else if (!held.contains(nodePort)) {
                if (!nodePorts.contains(nodePort)) {
                    throw AllocationException.invalid(field, nodePort,
                            "provided port is not in the valid range. The range of valid ports is " + nodePorts);
                }
                StoreClaims.Claim claim = portClaims.claim(nodePort.toString(), tx.owner);
                if (!claim.held()) {
                    throw AllocationException.invalid(field, nodePort, "provided port is already allocated");
                }
                if (claim == StoreClaims.Claim.CLAIMED) {
                    tx.ports.add(nodePort.toString());
                }
            }
            result.add(port.withNodePort(nodePort));
        }
        return result;
    }

    private void releaseUnused(Service previous, String keptIP, List<ServicePort> keptPorts) {
        String owner = owner(previous);
        String ip = blankToNull(previous.spec().clusterIP());
        if (ip != null && !ServiceSpec.NONE.equals(ip) && !ip.equals(keptIP)) {
            ipClaims.release(ip, owner);
        }
        Set<Integer> kept = nodePortsOf(keptPorts);
        for (Integer port : nodePortsOf(previous.spec().ports())) {
            if (!kept.contains(port)) {
                portClaims.release(port.toString(), owner);
            }
        }
    }

    private static boolean samePort(ServicePort a, ServicePort b) {
        if (a.name() != null && !a.name().isEmpty() && b.name() != null && !b.name().isEmpty()) {
            return a.name().equals(b.name());
        }
        return Objects.equals(a.port(), b.port()) && protocol(a).equals(protocol(b));
    }

    private static String protocol(ServicePort port) {
        return port.protocol() == null ? "TCP" : port.protocol();
    }

    private static Set<Integer> nodePortsOf(List<ServicePort> ports) {
        Set<Integer> numbers = new HashSet<>();
        ports.stream().map(ServicePort::nodePort).filter(Objects::nonNull).forEach(numbers::add);
        return numbers;
    }

    private static boolean needsNodePorts(String type) {
        return ServiceSpec.NODE_PORT.equals(type) || ServiceSpec.LOAD_BALANCER.equals(type);
    }

    private static String type(Service service) {
        String type = service.spec().type();
        return type == null || type.isEmpty() ? ServiceSpec.CLUSTER_IP : type;
    }

    private static String owner(Service service) {
        return service.namespace() + "/" + service.name();
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** What one allocate call claimed (not what it found already held), released again if the call or its write fails. */
    private final class Transaction {
        final String owner;
        final List<String> ips = new ArrayList<>();
        final List<String> ports = new ArrayList<>();

        Transaction(String owner) {
            this.owner = owner;
        }

        void rollback() {
            ips.forEach(ip -> ipClaims.release(ip, owner));
            ports.forEach(port -> portClaims.release(port, owner));
        }
    }
}
