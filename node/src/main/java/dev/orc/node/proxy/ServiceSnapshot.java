package dev.orc.node.proxy;

import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Service;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every Service and Endpoints of the cluster at one moment: what the proxy and the DNS server serve. The node
 * agent builds one from its informers whenever either kind changes and hands it to both.
 */
public record ServiceSnapshot(List<Service> services, List<Endpoints> endpoints) {
    public static final ServiceSnapshot EMPTY = new ServiceSnapshot(List.of(), List.of());

    public ServiceSnapshot {
        services = List.copyOf(services);
        endpoints = List.copyOf(endpoints);
    }

    public Optional<Endpoints> endpointsOf(Service service) {
        return endpoints.stream()
                .filter(e -> service.name().equals(e.name()) && Objects.equals(service.namespace(), e.namespace()))
                .findFirst();
    }
}
