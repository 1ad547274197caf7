package dev.orc.reconciler.controller.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Service;
import dev.orc.reconciler.controller.RegistryCluster;

import java.util.List;
import java.util.Optional;

/** The endpoints reconciler's reads, from the registry as it is now. */
final class RegistryInputs implements EndpointsInputs {
    private final ObjectCache<Service> services;
    private final ObjectCache<Pod> pods;
    private final ObjectCache<Endpoints> endpoints;

    RegistryInputs(RegistryCluster registry) {
        services = registry.cache(ResourceTypes.SERVICE);
        pods = registry.cache(ResourceTypes.POD);
        endpoints = registry.cache(ResourceTypes.ENDPOINTS);
    }

    /** A fixture's record as the JSON a user sends: with its apiVersion and kind. */
    static ObjectNode withKind(JsonNode tree, String kind) {
        ObjectNode object = (ObjectNode) tree;
        object.put("apiVersion", "v1").put("kind", kind);
        return object;
    }

    @Override
    public Optional<Service> service(String namespace, String name) {
        return services.get(new ObjectKey(namespace, name)).map(Cached::view);
    }

    @Override
    public List<Service> services(String namespace) {
        return services.list(namespace).stream().map(Cached::view).toList();
    }

    @Override
    public List<Pod> pods(String namespace) {
        return pods.list(namespace).stream().map(Cached::view).toList();
    }

    @Override
    public Optional<Endpoints> endpoints(String namespace, String name) {
        return endpoints.get(new ObjectKey(namespace, name)).map(Cached::view);
    }
}
