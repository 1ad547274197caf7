package dev.orc.node.cluster;

import dev.orc.api.meta.ResourceType;
import dev.orc.api.model.ConfigMap;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.Node;
import dev.orc.api.model.PersistentVolumeClaim;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Secret;
import dev.orc.api.model.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * All the node agent needs from the API server, implemented over the API client (the node's tests run that
 * implementation against the real API server in-process). Methods throw {@link NodeApiException} on failure; callers retry on their next
 * sync or heartbeat, so implementations need not retry themselves.
 */
public interface NodeApi {

    /**
     * The certificate (PEM) the cluster CA issues this node for the key of {@code certificateRequest} (PEM PKCS#10),
     * which its endpoints serve with.
     */
    String servingCertificate(String nodeName, String certificateRequest);

    /** Creates the Node, or replaces its labels, taints and status if it exists; returns it as stored. */
    Node registerOrUpdateNode(Node node);

    /**
     * Renews the node's heartbeat: Ready with a fresh lastHeartbeatTime, or, when {@code notReadyBecause} says why
     * the node cannot run pods (its container runtime is down), Ready=False with that message, as the kubelet reports.
     */
    void renewHeartbeat(String nodeName, Instant now, Optional<String> notReadyBecause);

    /**
     * Says that the node's agent is stopping: Ready=False with reason {@link dev.orc.api.model.NodeStatus#AGENT_STOPPED}.
     * Its pods' containers keep running; the agent started again reports Ready once more.
     */
    void reportStopped(String nodeName, Instant now);

    /**
     * Watches the pods bound to the node: the handler first gets every such pod through
     * {@link PodHandler#replaceAll}, then each change; after a reconnect it gets {@code replaceAll} again.
     * The implementation keeps the watch going until the returned handle is closed.
     */
    AutoCloseable watchPodsOnNode(String nodeName, PodHandler handler);

    /** Watches the Services of every namespace, with the same contract as {@link #watchPodsOnNode}. */
    AutoCloseable watchServices(Handler<Service> handler);

    /** Watches the Endpoints of every namespace, with the same contract as {@link #watchPodsOnNode}. */
    AutoCloseable watchEndpoints(Handler<Endpoints> handler);

    /**
     * Watches the objects of one kind in every namespace that {@code fieldSelector} selects (null: all of them; the
     * ingress controller's Ingresses, IngressClasses and TLS Secrets), with the same contract as
     * {@link #watchPodsOnNode}.
     */
    <T extends KubeObject> AutoCloseable watchAll(ResourceType type, Class<T> kind, String fieldSelector,
                                                  Handler<T> handler);

    /** Writes the pod's status (the status subresource). */
    void updatePodStatus(Pod pod, PodStatus status);

    /** Sets one annotation of the pod, leaving the rest of it as it is. */
    void annotatePod(Pod pod, String key, String value);

    /** Deletes the pod object at once (grace period 0), only if it is still the one with this uid. */
    void deletePodFinal(Pod pod);

    /** Records an Event about the pod, as reported by this node ({@code type} Normal or Warning). */
    void recordPodEvent(Pod pod, String type, String reason, String message, Instant at);

    /** The ConfigMap, or empty when there is none of that name. */
    Optional<ConfigMap> configMap(String namespace, String name);

    /** The Secret, or empty when there is none of that name. */
    Optional<Secret> secret(String namespace, String name);

    /** The PersistentVolumeClaim, or empty when there is none of that name. */
    Optional<PersistentVolumeClaim> persistentVolumeClaim(String namespace, String name);

    /**
     * A token of the service account {@code pod} runs as, bound to the pod, valid for {@code lifetime} (a TokenRequest
     * of {@code serviceaccounts/NAME/token}, which the node authorizer allows only for pods bound to this node).
     */
    PodToken serviceAccountToken(Pod pod, Duration lifetime);

    /** Sets one label of the Node, leaving the rest of it as it is. */
    void labelNode(String nodeName, String key, String value);

    /** Receives the objects of one watch: all of them, then each change; called from one thread at a time. */
    interface Handler<T> {
        void replaceAll(List<T> objects);

        void upsert(T object);

        void delete(T object);
    }

    /** Receives the pods bound to the node. */
    interface PodHandler extends Handler<Pod> {
    }
}
