package dev.orc.reconciler.controller.endpoints;

import dev.orc.api.cache.Cached;
import dev.orc.api.cache.EventHandler;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Service;
import dev.orc.api.workqueue.WorkQueue;
import dev.orc.reconciler.controller.runtime.Controller;

import java.time.InstantSource;
import java.util.List;

/**
 * The endpoints controller: keys are Services. A Service or Endpoints change enqueues that key; a pod change
 * enqueues every Service of its namespace that selects the pod before or after the change.
 */
public final class EndpointsController {
    public static final String NAME = "endpoints";

    private EndpointsController() {
    }

    public static Controller create(Informer<Service> services, Informer<Pod> pods, Informer<Endpoints> endpoints,
                                    ApiClient client, InstantSource clock, int workers) {
        WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
        ObjectCache<Service> serviceCache = ObjectCache.of(services);
        services.addHandler(EventHandler.enqueueOwnKey(queue::add));
        endpoints.addHandler(EventHandler.enqueueOwnKey(queue::add));
        pods.addHandler(EventHandler.enqueueEachVersion(pod -> enqueueSelecting(serviceCache, queue, pod.view())));
        return new Controller(NAME, queue, new EndpointsReconciler(serviceCache, ObjectCache.of(pods),
                ObjectCache.of(endpoints), client), List.of(services, pods, endpoints), workers);
    }

    private static void enqueueSelecting(ObjectCache<Service> services, WorkQueue<ObjectKey> queue, Pod pod) {
        for (Cached<Service> cached : services.list(pod.namespace() == null ? "" : pod.namespace())) {
            Service service = cached.view();
            if (EndpointsPlanner.selects(service, pod)) {
                queue.add(new ObjectKey(service.namespace(), service.name()));
            }
        }
    }
}
