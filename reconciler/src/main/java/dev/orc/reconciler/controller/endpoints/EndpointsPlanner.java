package dev.orc.reconciler.controller.endpoints;

import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Endpoints.Address;
import dev.orc.api.model.Endpoints.Port;
import dev.orc.api.model.Endpoints.Subset;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.LabelSelector;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pure core of the endpoints controller: from a Service and the pods of its namespace, the Endpoints it
 * should have, and the one write (or none) that gets there. An address is the pod's node address
 * ({@code status.hostIP}); its ports are the host ports the node published for the service's target ports,
 * resolved per pod, so pods with different host ports land in different subsets.
 */
public final class EndpointsPlanner {
    /** Marks the Endpoints of a headless service, as Kubernetes does. */
    public static final String HEADLESS_LABEL = "service.kubernetes.io/headless";

    private static final Comparator<Address> ADDRESS_ORDER = Comparator
            .comparing(Address::ip)
            .thenComparing(a -> a.targetRef() == null ? "" : a.targetRef().name());
    private static final Comparator<Port> PORT_ORDER = Comparator
            .comparing((Port p) -> p.name() == null ? "" : p.name())
            .thenComparing(Port::port)
            .thenComparing(Port::protocol);

    private EndpointsPlanner() {
    }

    /** Whether the endpoints controller manages this service's Endpoints: only services with a selector. */
    public static boolean managed(Service service) {
        return service.spec() != null && !service.spec().selector().isEmpty();
    }

    /** Whether {@code service} selects {@code pod} (same namespace, selector matches its labels). */
    public static boolean selects(Service service, Pod pod) {
        return managed(service)
                && Objects.equals(service.namespace(), pod.namespace())
                && LabelSelector.ofLabels(service.spec().selector())
                        .matches(pod.metadata() == null ? Map.of() : pod.metadata().labels());
    }

    /**
     * The write that makes the Endpoints named {@code namespace/name} current, or empty when it already is.
     * A missing service deletes its Endpoints; a service without a selector leaves them to the user.
     */
    public static Optional<EndpointsAction> plan(String namespace, String name, Optional<Service> service,
                                                 List<Pod> pods, Optional<Endpoints> existing) {
        if (service.isEmpty()) {
            return existing.map(e -> new EndpointsAction.Delete(namespace, name));
        }
        if (!managed(service.get())) {
            return Optional.empty();
        }
        List<Subset> subsets = subsets(service.get(), pods);
        Map<String, String> labels = labels(service.get());
        if (existing.isEmpty()) {
            return Optional.of(new EndpointsAction.Create(
                    Endpoints.of(ObjectMeta.of(namespace, name).withLabels(labels), subsets)));
        }
        Endpoints current = existing.get();
        ObjectMeta meta = current.metadata() == null ? ObjectMeta.of(namespace, name) : current.metadata();
        if (current.subsets().equals(subsets) && meta.labels().equals(labels)) {
            return Optional.empty();
        }
        return Optional.of(new EndpointsAction.Update(current.withMetadata(meta.withLabels(labels)).withSubsets(subsets)));
    }

    /** The subsets {@code service} should have given {@code pods} (any pods; those it does not select are ignored). */
    public static List<Subset> subsets(Service service, List<Pod> pods) {
        boolean publishNotReady = Boolean.TRUE.equals(service.spec().publishNotReadyAddresses());
        Map<List<Port>, Group> groups = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (!selects(service, pod) || !serving(pod)) {
                continue;
            }
            Optional<List<Port>> ports = ports(service.spec().ports(), HostPorts.of(pod));
            if (ports.isEmpty()) {
                continue;
            }
            Address address = new Address(pod.status().hostIP(), hostname(service, pod), pod.nodeName(), new ObjectReference(
                    null, Pod.KIND, pod.namespace(), pod.name(), pod.metadata().uid(), null, null));
            Group group = groups.computeIfAbsent(ports.get(), p -> new Group());
            (publishNotReady || pod.status().ready() ? group.ready : group.notReady).add(address);
        }
        List<Subset> subsets = new ArrayList<>();
        groups.forEach((ports, group) -> {
            group.ready.sort(ADDRESS_ORDER);
            group.notReady.sort(ADDRESS_ORDER);
            subsets.add(new Subset(group.ready, group.notReady, ports));
        });
        subsets.sort(Comparator.comparing(EndpointsPlanner::firstAddress).thenComparing(s -> s.ports().toString()));
        return List.copyOf(subsets);
    }

    /**
     * The address's hostname, as Kubernetes names it: the pod's {@code spec.hostname} when its {@code spec.subdomain}
     * is this service (so {@code web-0.web.ns.svc.cluster.local} is the StatefulSet's pod web-0).
     */
    private static String hostname(Service service, Pod pod) {
        String hostname = pod.spec() == null ? null : pod.spec().hostname();
        boolean named = hostname != null && !hostname.isEmpty() && service.name().equals(pod.spec().subdomain());
        return named ? hostname : null;
    }

    private static final class Group {
        final List<Address> ready = new ArrayList<>();
        final List<Address> notReady = new ArrayList<>();
    }

    private static String firstAddress(Subset subset) {
        Address first = !subset.addresses().isEmpty() ? subset.addresses().get(0) : subset.notReadyAddresses().get(0);
        return first.ip() + "/" + (first.targetRef() == null ? "" : first.targetRef().name());
    }

    /** A pod that is running or may still run, has a node address, and is not being deleted. */
    private static boolean serving(Pod pod) {
        return pod.status() != null
                && pod.status().hostIP() != null && !pod.status().hostIP().isEmpty()
                && !pod.status().finished()
                && (pod.metadata() == null || !pod.metadata().deleting());
    }

    /**
     * The pod's ports for the service's ports; empty when the service has ports and none of them resolve on
     * this pod (a port that does not resolve is left out, as Kubernetes does).
     */
    private static Optional<List<Port>> ports(List<ServicePort> servicePorts, HostPorts hostPorts) {
        List<Port> ports = new ArrayList<>();
        for (ServicePort servicePort : servicePorts) {
            String protocol = servicePort.protocol() == null ? "TCP" : servicePort.protocol();
            IntOrString target = servicePort.targetPort() != null ? servicePort.targetPort()
                    : servicePort.port() == null ? null : IntOrString.of(servicePort.port());
            if (target == null) {
                continue;
            }
            Optional<Integer> hostPort = target.isInt()
                    ? hostPorts.forNumber(target.intValue(), protocol)
                    : hostPorts.forName(target.strValue(), protocol);
            hostPort.ifPresent(port -> ports.add(new Port(servicePort.name(), port, protocol, servicePort.appProtocol())));
        }
        if (ports.isEmpty() && !servicePorts.isEmpty()) {
            return Optional.empty();
        }
        ports.sort(PORT_ORDER);
        return Optional.of(List.copyOf(ports));
    }

    private static Map<String, String> labels(Service service) {
        Map<String, String> labels = new LinkedHashMap<>(service.metadata() == null ? Map.of() : service.metadata().labels());
        if (service.spec().headless()) {
            labels.put(HEADLESS_LABEL, "");
        }
        return labels;
    }
}
