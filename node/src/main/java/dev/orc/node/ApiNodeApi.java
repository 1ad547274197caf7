package dev.orc.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ClientListWatcher;
import dev.orc.api.cache.Informer;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Condition;
import dev.orc.api.model.ConfigMap;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Event;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.Secret;
import dev.orc.api.model.Node;
import dev.orc.api.model.PersistentVolumeClaim;
import dev.orc.api.model.NodeStatus;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Service;
import dev.orc.api.model.Timestamps;
import dev.orc.node.cluster.HandlerEvents;
import dev.orc.node.cluster.NodeApi;
import dev.orc.node.cluster.PodToken;
import dev.orc.api.model.ServiceAccount;
import dev.orc.node.cluster.NodeApiException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link NodeApi} over the API client: pods watched with {@code fieldSelector=spec.nodeName=NAME}, Services and
 * Endpoints of every namespace too (each through an informer), status written by a merge patch of
 * {@code pods/{name}/status}, the heartbeat as the node's Lease in {@code kube-node-lease}, with the Ready
 * condition's {@code lastHeartbeatTime} in the Node's status refreshed once a minute.
 */
public final class ApiNodeApi implements NodeApi {
    static final String STOPPED_MESSAGE = "the node agent stopped; its containers keep running until it is back or the node"
            + " grace period ends";
    /** How often every watched object is handed to its handler again, as the kubelet's periodic sync does. */
    private static final Duration RESYNC = Duration.ofMinutes(10);
    /** How often an unchanged Node status is written all the same. */
    static final Duration STATUS_REFRESH = Duration.ofMinutes(1);
    /** How often a registration that conflicts with the control plane's writes is made again. */
    private static final int REGISTER_ATTEMPTS = 5;
    /** The prefix of the taints the control plane puts on a node (not-ready, unreachable, ...). */
    private static final String CONTROL_PLANE_TAINTS = "node.kubernetes.io/";

    private final ApiClient client;
    private final NodeLease lease;
    private volatile Instant statusWrittenAt = Instant.MIN;

    public ApiNodeApi(ApiClient client) {
        this.client = client;
        this.lease = new NodeLease(client);
    }

    @Override
    public String servingCertificate(String nodeName, String certificateRequest) {
        try {
            return client.nodeServingCertificate(nodeName, certificateRequest);
        } catch (ApiException e) {
            throw new NodeApiException("the server issued node " + nodeName + " no serving certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the Node, or brings an existing one up to date as the kubelet does when it registers again: the agent's
     * labels and taints and its status, keeping the taints the control plane put on the node
     * ({@code node.kubernetes.io/...}, such as unreachable) for the node lifecycle controller to clear. A write that
     * conflicts with one of the controller's is made again on the node as it is now.
     */
    @Override
    public Node registerOrUpdateNode(Node node) {
        String name = node.metadata().name();
        ObjectNode wanted = (ObjectNode) Json.tree(node);
        for (int attempt = 1; ; attempt++) {
            try {
                return register(name, wanted);
            } catch (ApiException e) {
                if (!e.isConflict() || attempt == REGISTER_ATTEMPTS) {
                    throw new NodeApiException("registering node " + name + " failed: " + e.getMessage(), e);
                }
            }
        }
    }

    private Node register(String name, ObjectNode wanted) {
        Optional<ObjectNode> found = client.find(ResourceTypes.NODE, null, name);
        ObjectNode stored;
        if (found.isEmpty()) {
            stored = client.create(ResourceTypes.NODE, null, wanted, WriteOptions.defaults());
        } else {
            ObjectNode existing = found.get();
            if (wanted.path("metadata").path("labels") instanceof ObjectNode labels) {
                existing.with("metadata").with("labels").setAll(labels);
            }
            if (wanted.path("metadata").path("annotations") instanceof ObjectNode annotations) {
                existing.with("metadata").with("annotations").setAll(annotations);
            }
            ArrayNode taints = Json.mapper().createArrayNode();
            wanted.path("spec").path("taints").forEach(taints::add);
            existing.path("spec").path("taints").forEach(taint -> {
                if (taint.path("key").asText().startsWith(CONTROL_PLANE_TAINTS)) {
                    taints.add(taint);
                }
            });
            if (taints.isEmpty()) {
                existing.with("spec").remove("taints");
            } else {
                existing.with("spec").set("taints", taints);
            }
            stored = client.update(ResourceTypes.NODE, null, existing, WriteOptions.defaults());
        }
        stored.set("status", wanted.get("status"));
        return Json.convert(client.updateStatus(ResourceTypes.NODE, null, stored), Node.class);
    }

    /**
     * Renews the node's Lease; the Node's status (its Ready heartbeat) is written only when it is not Ready (the
     * node lifecycle controller marked it lost) or was not written for {@link #STATUS_REFRESH}, as the kubelet
     * reports an unchanged status once a minute, or when the Lease could not be renewed.
     */
    @Override
    public void renewHeartbeat(String nodeName, Instant now, Optional<String> notReadyBecause) {
        boolean leased;
        try {
            lease.renew(nodeName, now);
            leased = true;
        } catch (ApiException e) {
            leased = false;
        }
        writeReadyStatus(nodeName, now, leased, notReadyBecause.isEmpty() ? "KubeletReady" : "KubeletNotReady",
                notReadyBecause);
    }

    @Override
    public void reportStopped(String nodeName, Instant now) {
        writeReadyStatus(nodeName, now, false, NodeStatus.AGENT_STOPPED, Optional.of(STOPPED_MESSAGE));
    }

    /**
     * Without a renewed Lease (a server that serves no Leases), the status write is the heartbeat, as before. The node's
     * conditions are the agent's own, so they are patched in, not written with a resourceVersion: a taint the node
     * lifecycle controller adds meanwhile does not make the heartbeat fail with a conflict.
     */
    private void writeReadyStatus(String nodeName, Instant now, boolean leased, String reason,
                                  Optional<String> notReadyBecause) {
        try {
            Node node = Json.convert(client.get(ResourceTypes.NODE, null, nodeName), Node.class);
            Optional<Condition> stored = node.status().condition(NodeStatus.READY);
            String wanted = notReadyBecause.isEmpty() ? Condition.TRUE : Condition.FALSE;
            String message = notReadyBecause.orElse("orc node agent is posting ready status");
            boolean unchanged = stored.filter(c -> wanted.equals(c.status()) && message.equals(c.message())).isPresent();
            if (leased && unchanged && Duration.between(statusWrittenAt, now).compareTo(STATUS_REFRESH) < 0) {
                return;
            }
            String time = Timestamps.format(now);
            Condition before = stored.orElse(Condition.of(NodeStatus.READY, wanted, "KubeletReady", null, time));
            Condition ready = before.withStatus(wanted, reason, message).withLastHeartbeatTime(time);
            if (!wanted.equals(before.status())) {
                ready = ready.withLastTransitionTime(time);
            }
            ObjectNode patch = Json.object();
            patch.putObject("status").set("conditions", Json.tree(node.status().withCondition(ready).conditions()));
            client.patchStatus(ResourceTypes.NODE, null, nodeName, PatchType.MERGE, patch);
            statusWrittenAt = now;
        } catch (ApiException e) {
            throw new NodeApiException("heartbeat of node " + nodeName + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public AutoCloseable watchPodsOnNode(String nodeName, PodHandler handler) {
        return watch(ResourceTypes.POD, Pod.class, ListOptions.fieldSelector("spec.nodeName=" + nodeName), handler);
    }

    @Override
    public AutoCloseable watchServices(Handler<Service> handler) {
        return watch(ResourceTypes.SERVICE, Service.class, ListOptions.all(), handler);
    }

    @Override
    public AutoCloseable watchEndpoints(Handler<Endpoints> handler) {
        return watch(ResourceTypes.ENDPOINTS, Endpoints.class, ListOptions.all(), handler);
    }

    @Override
    public <T extends KubeObject> AutoCloseable watchAll(ResourceType type, Class<T> kind, String fieldSelector,
                                                         Handler<T> handler) {
        return watch(type, kind, fieldSelector == null ? ListOptions.all() : ListOptions.fieldSelector(fieldSelector),
                handler);
    }

    /**
     * Keeps {@code handler} current through an informer: a list, then a watch with bookmarks (so a silent connection
     * is noticed and the watch made again), and a re-list when the watch's revision is gone.
     */
    private <T extends KubeObject> AutoCloseable watch(ResourceType type, Class<T> kind, ListOptions options,
                                                        Handler<T> handler) {
        Informer<T> informer = new Informer<>(type, kind, new ClientListWatcher(client, null, options), RESYNC);
        informer.addHandler(new HandlerEvents<>(handler));
        informer.start();
        return informer;
    }

    @Override
    public void updatePodStatus(Pod pod, PodStatus status) {
        ObjectNode patch = Json.object();
        patch.set("status", Json.tree(status));
        try {
            client.patchStatus(ResourceTypes.POD, pod.metadata().namespace(), pod.metadata().name(), PatchType.MERGE, patch);
        } catch (ApiException e) {
            throw new NodeApiException("writing the status of pod " + key(pod) + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void annotatePod(Pod pod, String key, String value) {
        ObjectNode patch = Json.object();
        patch.putObject("metadata").putObject("annotations").put(key, value);
        try {
            client.patch(ResourceTypes.POD, pod.metadata().namespace(), pod.metadata().name(), PatchType.MERGE, patch,
                    dev.orc.api.client.WriteOptions.defaults());
        } catch (ApiException e) {
            throw new NodeApiException("annotating pod " + key(pod) + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void deletePodFinal(Pod pod) {
        try {
            client.delete(ResourceTypes.POD, pod.metadata().namespace(), pod.metadata().name(),
                    DeleteOptions.defaults().withGracePeriodSeconds(0L));
        } catch (ApiException e) {
            if (!e.isNotFound()) {
                throw new NodeApiException("deleting pod " + key(pod) + " failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void recordPodEvent(Pod pod, String type, String reason, String message, Instant at) {
        String namespace = pod.metadata().namespace();
        String name = pod.metadata().name() + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Event event = Event.of(ObjectMeta.of(namespace, name), ObjectReference.to(pod), type, reason, message,
                new Event.Source("orc-node", pod.spec().nodeName()), Timestamps.format(at));
        try {
            client.create(ResourceTypes.EVENT, namespace, (ObjectNode) Json.tree(event),
                    dev.orc.api.client.WriteOptions.defaults());
        } catch (ApiException e) {
            throw new NodeApiException("recording event " + reason + " of pod " + key(pod) + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        return find(ResourceTypes.CONFIG_MAP, namespace, name, ConfigMap.class);
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return find(ResourceTypes.SECRET, namespace, name, Secret.class);
    }

    @Override
    public PodToken serviceAccountToken(Pod pod, Duration lifetime) {
        String account = pod.spec().serviceAccountName() == null ? ServiceAccount.DEFAULT : pod.spec().serviceAccountName();
        ObjectNode request = Json.object().put("apiVersion", "authentication.k8s.io/v1").put("kind", "TokenRequest");
        ObjectNode spec = request.putObject("spec").put("expirationSeconds", lifetime.toSeconds());
        spec.putObject("boundObjectRef").put("apiVersion", "v1").put("kind", "Pod").put("name", pod.name())
                .put("uid", pod.metadata().uid());
        try {
            ObjectNode answer = client.requestToken(pod.namespace(), account, request);
            return new PodToken(answer.path("status").path("token").asText(),
                    Timestamps.parse(answer.path("status").path("expirationTimestamp").asText()));
        } catch (ApiException e) {
            throw new NodeApiException("a token of service account " + pod.namespace() + "/" + account + " for pod "
                    + pod.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<PersistentVolumeClaim> persistentVolumeClaim(String namespace, String name) {
        return find(ResourceTypes.PERSISTENT_VOLUME_CLAIM, namespace, name, PersistentVolumeClaim.class);
    }

    private <T> Optional<T> find(ResourceType type, String namespace, String name, Class<T> kind) {
        try {
            return Optional.of(Json.convert(client.get(type, namespace, name), kind));
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw new NodeApiException("reading " + type.kind() + " " + namespace + "/" + name + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void labelNode(String nodeName, String key, String value) {
        ObjectNode patch = Json.object();
        patch.putObject("metadata").putObject("labels").put(key, value);
        try {
            client.patch(ResourceTypes.NODE, null, nodeName, PatchType.MERGE, patch,
                    dev.orc.api.client.WriteOptions.defaults());
        } catch (ApiException e) {
            throw new NodeApiException("labelling node " + nodeName + " failed: " + e.getMessage(), e);
        }
    }

    private static String key(Pod pod) {
        return pod.metadata().namespace() + "/" + pod.metadata().name();
    }
}
