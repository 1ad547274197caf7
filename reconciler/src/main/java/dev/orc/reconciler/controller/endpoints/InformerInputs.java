package dev.orc.reconciler.controller.endpoints;

import dev.orc.api.cache.Cached;
import dev.orc.api.cache.Index;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Service;

import java.util.List;
import java.util.Optional;

/** The endpoints controller's reads, from the informer caches of services, pods and endpoints. */
public final class InformerInputs implements EndpointsInputs {
    private final Informer<Service> services;
    private final Informer<Pod> pods;
    private final Informer<Endpoints> endpoints;

    public InformerInputs(Informer<Service> services, Informer<Pod> pods, Informer<Endpoints> endpoints) {
        this.services = services;
        this.pods = pods;
        this.endpoints = endpoints;
    }

    @Override
    public Optional<Service> service(String namespace, String name) {
        return services.get(new ObjectKey(namespace, name)).map(Cached::view);
    }

    @Override
    public List<Service> services(String namespace) {
        return services.byIndex(Index.NAMESPACE, namespace).stream().map(Cached::view).toList();
    }

    @Override
    public List<Pod> pods(String namespace) {
        return pods.byIndex(Index.NAMESPACE, namespace).stream().map(Cached::view).toList();
    }

    @Override
    public Optional<Endpoints> endpoints(String namespace, String name) {
        return endpoints.get(new ObjectKey(namespace, name)).map(Cached::view);
    }
}
