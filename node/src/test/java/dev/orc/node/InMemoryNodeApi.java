package dev.orc.node;

import dev.orc.node.cluster.NodeApiException;
import dev.orc.node.cluster.NodeApi;
import dev.orc.api.model.Condition;
import dev.orc.api.model.ConfigMap;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.Node;
import dev.orc.api.model.PersistentVolumeClaim;
import dev.orc.api.model.NodeStatus;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Secret;
import dev.orc.api.model.Service;
import dev.orc.api.model.Timestamps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The API as the agent sees it, in memory: pods by uid, services and endpoints, ConfigMaps and Secrets, the node,
 * and a log of every write and event.
 */
public final class InMemoryNodeApi implements NodeApi {

    private final Map<String, Pod> pods = new ConcurrentHashMap<>();
    private final List<PodHandler> handlers = new CopyOnWriteArrayList<>();
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final Watched<Service> services = new Watched<>();
    private final Watched<Endpoints> endpoints = new Watched<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Map<String, ConfigMap> configMaps = new ConcurrentHashMap<>();
    private final Map<String, PersistentVolumeClaim> claims = new ConcurrentHashMap<>();
    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final Map<String, String> nodeLabels = new ConcurrentHashMap<>();
    private volatile Node node;

    /** Adds or replaces a pod, as the scheduler binding it (or a user changing it) would. */
    public Pod put(Pod pod) {
        pods.put(pod.metadata().uid(), pod);
        handlers.forEach(h -> h.upsert(pod));
        return pod;
    }

    /** Removes a pod at once, as a forced deletion would. */
    public void remove(String uid) {
        Pod pod = pods.remove(uid);
        if (pod != null) {
            handlers.forEach(h -> h.delete(pod));
        }
    }

    /** Adds or replaces a Service (by namespace and name). */
    public Service putService(Service service) {
        services.put(service);
        return service;
    }

    public void removeService(String namespace, String name) {
        services.remove(namespace, name);
    }

    /** Adds or replaces an Endpoints (by namespace and name). */
    public Endpoints putEndpoints(Endpoints endpoints) {
        this.endpoints.put(endpoints);
        return endpoints;
    }

    public void removeEndpoints(String namespace, String name) {
        endpoints.remove(namespace, name);
    }

    public Optional<Pod> pod(String uid) {
        return Optional.ofNullable(pods.get(uid));
    }

    public Node node() {
        return node;
    }

    /** Every write so far: {@code status ns/name}, {@code annotate ns/name key}, {@code delete ns/name}, ... */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    /** Every event so far: {@code ns/pod Type Reason: message}. */
    public List<String> events() {
        return List.copyOf(events);
    }

    /** Labels set through {@link #labelNode}. */
    public Map<String, String> nodeLabels() {
        return Map.copyOf(nodeLabels);
    }

    /** Creates or replaces a ConfigMap, keyed by its namespace and name. */
    public void put(ConfigMap configMap) {
        configMaps.put(configMap.metadata().namespace() + "/" + configMap.metadata().name(), configMap);
    }

    /** Creates or replaces a PersistentVolumeClaim, keyed by its namespace and name. */
    public void put(PersistentVolumeClaim claim) {
        claims.put(claim.metadata().namespace() + "/" + claim.metadata().name(), claim);
    }

    @Override
    public Optional<PersistentVolumeClaim> persistentVolumeClaim(String namespace, String name) {
        return Optional.ofNullable(claims.get(namespace + "/" + name));
    }

    /** Creates or replaces a Secret, keyed by its namespace and name. */
    public void put(Secret secret) {
        secrets.put(secret.metadata().namespace() + "/" + secret.metadata().name(), secret);
    }

    public void clearWrites() {
        writes.clear();
    }

    @Override
    public Node registerOrUpdateNode(Node node) {
        this.node = node;
        writes.add("node " + node.metadata().name());
        return node;
    }

    @Override
    public void renewHeartbeat(String nodeName, Instant now, Optional<String> notReadyBecause) {
        Node current = Objects.requireNonNull(node, "heartbeat before registration");
        Condition ready = current.status().condition(NodeStatus.READY)
                .orElse(Condition.of(NodeStatus.READY, Condition.TRUE, "KubeletReady", null, Timestamps.format(now)))
                .withLastHeartbeatTime(Timestamps.format(now));
        if (notReadyBecause.isPresent()) {
            ready = ready.withStatus(Condition.FALSE, "KubeletNotReady", notReadyBecause.get());
        }
        node = current.withStatus(current.status().withCondition(ready));
        writes.add("heartbeat " + nodeName);
    }

    @Override
    public AutoCloseable watchPodsOnNode(String nodeName, PodHandler handler) {
        handlers.add(handler);
        handler.replaceAll(new ArrayList<>(pods.values().stream().filter(p -> nodeName.equals(p.nodeName())).toList()));
        return () -> handlers.remove(handler);
    }

    @Override
    public AutoCloseable watchServices(Handler<Service> handler) {
        return services.watch(handler);
    }

    @Override
    public AutoCloseable watchEndpoints(Handler<Endpoints> handler) {
        return endpoints.watch(handler);
    }

    @Override
    public void updatePodStatus(Pod pod, PodStatus status) {
        writes.add("status " + key(pod));
        Pod updated = pods.computeIfPresent(pod.metadata().uid(), (uid, p) -> p.withStatus(status));
        if (updated == null) {
            throw new NodeApiException("pod " + key(pod) + " not found");
        }
        handlers.forEach(h -> h.upsert(updated));
    }

    @Override
    public void annotatePod(Pod pod, String key, String value) {
        writes.add("annotate " + key(pod) + " " + key);
        Pod updated = pods.computeIfPresent(pod.metadata().uid(),
                (uid, p) -> p.withMetadata(p.metadata().withAnnotation(key, value)));
        if (updated != null) {
            handlers.forEach(h -> h.upsert(updated));
        }
    }

    @Override
    public void deletePodFinal(Pod pod) {
        writes.add("delete " + key(pod));
        remove(pod.metadata().uid());
    }

    @Override
    public void recordPodEvent(Pod pod, String type, String reason, String message, Instant at) {
        events.add(key(pod) + " " + type + " " + reason + ": " + message);
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        return Optional.ofNullable(configMaps.get(namespace + "/" + name));
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(secrets.get(namespace + "/" + name));
    }

    @Override
    public void labelNode(String nodeName, String key, String value) {
        writes.add("label node " + nodeName + " " + key);
        nodeLabels.put(key, value);
    }

    private static String key(Pod pod) {
        return pod.metadata().namespace() + "/" + pod.metadata().name();
    }

    /** Objects of one kind by namespace/name, and the handlers watching them; changes are delivered in order. */
    private static final class Watched<T extends KubeObject> {
        private final Map<String, T> objects = new LinkedHashMap<>();
        private final List<Handler<T>> handlers = new ArrayList<>();

        synchronized void put(T object) {
            objects.put(key(object), object);
            handlers.forEach(h -> h.upsert(object));
        }

        synchronized void remove(String namespace, String name) {
            T object = objects.remove(namespace + "/" + name);
            if (object != null) {
                handlers.forEach(h -> h.delete(object));
            }
        }

        synchronized AutoCloseable watch(Handler<T> handler) {
            handlers.add(handler);
            handler.replaceAll(List.copyOf(objects.values()));
            return () -> {
                synchronized (this) {
                    handlers.remove(handler);
                }
            };
        }

        private static String key(KubeObject object) {
            return object.metadata().namespace() + "/" + object.metadata().name();
        }
    }
}
