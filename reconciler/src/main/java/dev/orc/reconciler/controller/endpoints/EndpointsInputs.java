package dev.orc.reconciler.controller.endpoints;

import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Service;

import java.util.List;
import java.util.Optional;

/** What the endpoints controller reads: its informer caches, seen as typed objects. */
public interface EndpointsInputs {
    Optional<Service> service(String namespace, String name);

    List<Service> services(String namespace);

    List<Pod> pods(String namespace);

    Optional<Endpoints> endpoints(String namespace, String name);
}
