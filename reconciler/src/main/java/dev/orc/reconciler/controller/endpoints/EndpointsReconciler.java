package dev.orc.reconciler.controller.endpoints;

import dev.orc.api.cache.Cached;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.TypedResource;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Service;
import dev.orc.reconciler.controller.runtime.Reconciler;
import dev.orc.reconciler.controller.runtime.Result;

import java.util.Optional;

/** Reads one Service, its namespace's pods and its Endpoints from the caches, plans, and performs the one write. */
public final class EndpointsReconciler implements Reconciler {
    private final ObjectCache<Service> services;
    private final ObjectCache<Pod> pods;
    private final ObjectCache<Endpoints> endpoints;
    private final TypedResource<Endpoints> endpointsClient;

    public EndpointsReconciler(ObjectCache<Service> services, ObjectCache<Pod> pods, ObjectCache<Endpoints> endpoints,
                               ApiClient client) {
        this.services = services;
        this.pods = pods;
        this.endpoints = endpoints;
        this.endpointsClient = client.resource(Endpoints.class);
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<EndpointsAction> action = EndpointsPlanner.plan(key.namespace(), key.name(),
                services.get(key).map(Cached::view), pods.list(key.namespace()).stream().map(Cached::view).toList(),
                endpoints.get(key).map(Cached::view));
        if (action.isPresent()) {
            switch (action.get()) {
                case EndpointsAction.Create create -> endpointsClient.create(create.endpoints());
                case EndpointsAction.Update update -> endpointsClient.update(update.endpoints());
                case EndpointsAction.Delete delete ->
                        endpointsClient.deleteIfPresent(delete.namespace(), delete.name(), DeleteOptions.defaults());
            }
        }
        return Result.done();
    }
}
