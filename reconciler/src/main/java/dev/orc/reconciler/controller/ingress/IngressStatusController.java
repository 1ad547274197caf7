package dev.orc.reconciler.controller.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.EventHandler;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.TypedResource;
import dev.orc.api.ingress.IngressClassFilter;
import dev.orc.api.ingress.IngressProblem;
import dev.orc.api.ingress.RouteTableBuilder;
import dev.orc.api.json.Json;
import dev.orc.api.model.Event;
import dev.orc.api.model.Ingress;
import dev.orc.api.model.IngressClass;
import dev.orc.api.model.IngressStatus;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.Node;
import dev.orc.api.model.Service;
import dev.orc.api.record.EventRecorder;
import dev.orc.api.workqueue.WorkQueue;
import dev.orc.reconciler.controller.runtime.Controller;
import dev.orc.reconciler.controller.runtime.Reconciler;
import dev.orc.reconciler.controller.runtime.Result;
import dev.orc.reconciler.services.LoadBalancerStatusPlanner;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The server's side of orc's Ingresses: writes {@code status.loadBalancer.ingress} of each Ingress orc serves (the
 * InternalIP of every Ready node, since every node's ingress serves it, as for LoadBalancer Services) and reports
 * what the nodes cannot serve as asked (a path another Ingress holds, a missing Service or port, an unsupported
 * nginx annotation) as Warning events, each once while it lasts. Ingresses of another controller's class are left
 * alone. Any change to Ingresses, classes, Services or Nodes re-queues every Ingress: conflicts are between them.
 */
public final class IngressStatusController implements Reconciler {
    public static final String NAME = "ingress";

    private final ObjectCache<Ingress> ingresses;
    private final Supplier<List<Ingress>> everyIngress;
    private final ObjectCache<IngressClass> classes;
    private final ObjectCache<Service> services;
    private final ObjectCache<Node> nodes;
    private final TypedResource<Ingress> ingressClient;
    private final EventRecorder events;
    private final Map<ObjectKey, Set<IngressProblem>> reported = new ConcurrentHashMap<>();

    IngressStatusController(ObjectCache<Ingress> ingresses, Supplier<List<Ingress>> everyIngress,
                            ObjectCache<IngressClass> classes, ObjectCache<Service> services, ObjectCache<Node> nodes,
                            ApiClient client, EventRecorder events) {
        this.ingresses = ingresses;
        this.everyIngress = everyIngress;
        this.classes = classes;
        this.services = services;
        this.nodes = nodes;
        this.ingressClient = client.resource(Ingress.class);
        this.events = events;
    }

    public static Controller create(Informer<Ingress> ingresses, Informer<IngressClass> classes,
                                    Informer<Service> services, Informer<Node> nodes, ApiClient client,
                                    EventRecorder events, InstantSource clock, int workers) {
        WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
        Runnable all = () -> ingresses.list().forEach(ingress -> queue.add(ingress.key()));
        ingresses.addHandler(EventHandler.enqueue(ingress -> all.run()));
        classes.addHandler(EventHandler.enqueue(ingressClass -> all.run()));
        services.addHandler(EventHandler.enqueue(service -> all.run()));
        nodes.addHandler(EventHandler.enqueue(node -> all.run()));
        return new Controller(NAME, queue, new IngressStatusController(ObjectCache.of(ingresses),
                () -> views(ingresses.list()), ObjectCache.of(classes),
                ObjectCache.of(services), ObjectCache.of(nodes), client, events),
                List.of(ingresses, classes, services, nodes), workers);
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<Cached<Ingress>> found = ingresses.get(key);
        List<IngressClass> allClasses = views(classes.list(""));
        if (found.isEmpty() || !IngressClassFilter.servedByOrc(found.get().view(), allClasses)) {
            reported.remove(key);
            return Result.done();
        }
        Ingress ingress = found.get().view();
        List<String> addresses = LoadBalancerStatusPlanner.readyAddresses(views(nodes.list("")));
        if (ingress.status() == null || !ingress.status().ips().equals(addresses)) {
            ObjectNode tree = found.get().copy();
            tree.set("status", Json.tree(IngressStatus.addresses(addresses)));
            ingressClient.updateStatus(tree);
        }
        List<IngressProblem> problems = RouteTableBuilder.build(everyIngress.get(), allClasses,
                views(services.list(ingress.namespace())), List.of()).problemsOf(ingress.namespace(), ingress.name());
        Set<IngressProblem> before = reported.getOrDefault(key, Set.of());
        problems.stream().filter(problem -> !before.contains(problem))
                .forEach(problem -> events.record(ingress, Event.WARNING, problem.reason(), problem.message()));
        reported.put(key, Set.copyOf(problems));
        return Result.done();
    }

    private static <T extends KubeObject> List<T> views(List<Cached<T>> cached) {
        return cached.stream().map(Cached::view).toList();
    }
}
