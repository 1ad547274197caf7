package dev.orc.reconciler.controller.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.json.Json;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Service;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The endpoints controller's reads, from the informer caches of services, pods and endpoints. */
public final class InformerInputs implements EndpointsInputs {
    private final Informer services;
    private final Informer pods;
    private final Informer endpoints;

    public InformerInputs(Informer services, Informer pods, Informer endpoints) {
        this.services = services;
        this.pods = pods;
        this.endpoints = endpoints;
    }

    @Override
    public Optional<Service> service(String namespace, String name) {
        return services.get(new ObjectKey(namespace, name)).map(node -> Json.convert(node, Service.class));
    }

    @Override
    public List<Service> services(String namespace) {
        return services.list(inNamespace(namespace)).stream().map(node -> Json.convert(node, Service.class)).toList();
    }

    @Override
    public List<Pod> pods(String namespace) {
        return pods.list(inNamespace(namespace)).stream().map(node -> Json.convert(node, Pod.class)).toList();
    }

    @Override
    public Optional<Endpoints> endpoints(String namespace, String name) {
        return endpoints.get(new ObjectKey(namespace, name)).map(node -> Json.convert(node, Endpoints.class));
    }

    private static Predicate<ObjectNode> inNamespace(String namespace) {
        return node -> namespace.equals(node.path("metadata").path("namespace").asText(""));
    }
}
