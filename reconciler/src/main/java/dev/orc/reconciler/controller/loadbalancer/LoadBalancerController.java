package dev.orc.reconciler.controller.loadbalancer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.EventHandler;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.TypedResource;
import dev.orc.api.json.Json;
import dev.orc.api.model.Node;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServiceSpec;
import dev.orc.api.workqueue.WorkQueue;
import dev.orc.reconciler.controller.runtime.Controller;
import dev.orc.reconciler.controller.runtime.Reconciler;
import dev.orc.reconciler.controller.runtime.Result;
import dev.orc.reconciler.services.LoadBalancerStatusPlanner;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Writes {@code status.loadBalancer.ingress} of LoadBalancer Services: the InternalIP of every Ready node, since
 * every node's proxy serves the Service's NodePort. A node that comes or goes re-queues every LoadBalancer.
 */
public final class LoadBalancerController implements Reconciler {
    public static final String NAME = "loadbalancer";

    private final ObjectCache<Service> services;
    private final ObjectCache<Node> nodes;
    private final TypedResource<Service> serviceClient;

    LoadBalancerController(ObjectCache<Service> services, ObjectCache<Node> nodes, ApiClient client) {
        this.services = services;
        this.nodes = nodes;
        this.serviceClient = client.resource(Service.class);
    }

    public static Controller create(Informer<Service> services, Informer<Node> nodes, ApiClient client, InstantSource clock,
                                    int workers) {
        WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
        services.addHandler(EventHandler.enqueueOwnKey(queue::add));
        nodes.addHandler(EventHandler.enqueue(node -> services.list().stream()
                .filter(LoadBalancerController::isLoadBalancer)
                .forEach(service -> queue.add(service.key()))));
        return new Controller(NAME, queue, new LoadBalancerController(ObjectCache.of(services), ObjectCache.of(nodes), client), List.of(services, nodes),
                workers);
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<Cached<Service>> found = services.get(key);
        if (found.isEmpty()) {
            return Result.done();
        }
        List<Node> all = nodes.list("").stream().map(Cached::view).toList();
        LoadBalancerStatusPlanner.plan(found.get().view(), all).ifPresent(status -> {
            ObjectNode tree = found.get().copy();
            tree.set("status", Json.tree(status));
            serviceClient.updateStatus(tree);
        });
        return Result.done();
    }

    private static boolean isLoadBalancer(Cached<Service> service) {
        return ServiceSpec.LOAD_BALANCER.equals(service.text("/spec/type"));
    }
}
