package dev.orc.reconciler.controller.nodelifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.Index;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.TypedResource;
import dev.orc.api.json.Json;
import dev.orc.api.model.Lease;
import dev.orc.api.model.Node;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.Pod;
import dev.orc.api.record.EventRecorder;
import dev.orc.reconciler.controller.runtime.Reconciler;
import dev.orc.reconciler.controller.runtime.Result;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Reconciles one node's health: reads the node, its heartbeat Lease and the pods bound to it from the caches (a
 * change of the Lease's renewTime or of the status heartbeat is a sign of life), plans, and writes in the
 * order that matters — node status, node taints (on the node as the status write returned it), pod status, evictions
 * — then records the events that make the timeline visible in {@code orc describe node}.
 */
public final class NodeLifecycleReconciler implements Reconciler {
    private final ObjectCache<Node> nodes;
    private final ObjectCache<Pod> pods;
    private final ObjectCache<Lease> leases;
    private final TypedResource<Node> nodeClient;
    private final TypedResource<Pod> podClient;
    private final EventRecorder events;
    private final InstantSource clock;
    private final NodeLifecycleConfig config;
    private final HeartbeatObservations heartbeats = new HeartbeatObservations();

    public NodeLifecycleReconciler(ObjectCache<Node> nodes, ObjectCache<Pod> pods, ObjectCache<Lease> leases,
                                   ApiClient client, EventRecorder events, InstantSource clock, NodeLifecycleConfig config) {
        this.nodes = nodes;
        this.pods = pods;
        this.leases = leases;
        this.nodeClient = client.resource(Node.class);
        this.podClient = client.resource(Pod.class);
        this.events = events;
        this.clock = clock;
        this.config = config;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<Cached<Node>> found = nodes.get(key);
        if (found.isEmpty()) {
            heartbeats.forget(key.name());
            return Result.done();
        }
        Cached<Node> node = found.get();
        List<Cached<Pod>> bound = pods.byIndex(Index.NODE, key.name());
        Instant now = clock.instant();
        String heartbeat = NodeHealthPlanner.heartbeatOf(node.view())
                + leases.get(new ObjectKey(NodeLifecycleController.LEASE_NAMESPACE, key.name()))
                .map(lease -> " lease " + lease.text("/spec/renewTime")).orElse("");
        Instant heartbeatSeen = heartbeats.observe(key.name(), heartbeat, now);
        NodePlan plan = NodeHealthPlanner.plan(node, bound, now, config, heartbeatSeen);

        Optional<Node> written = plan.nodeStatus().map(nodeClient::updateStatus);
        plan.nodeTaints().ifPresent(taints -> {
            ObjectNode copy = node.copy();
            written.ifPresent(w -> copy.withObjectProperty("metadata").put("resourceVersion", w.metadata().resourceVersion()));
            copy.withObjectProperty("spec").set("taints", Json.tree(taints));
            nodeClient.update(copy);
        });
        plan.podsNotReady().forEach(podClient::updateStatus);
        for (NodePlan.Eviction eviction : plan.evictions()) {
            Pod pod = eviction.pod();
            podClient.deleteIfPresent(pod.namespace(), pod.name(), DeleteOptions.defaults()
                    .withPreconditionUid(pod.metadata().uid()).withGracePeriodSeconds(eviction.force() ? 0L : null));
        }
        ObjectReference nodeRef = ObjectReference.to(node.view());
        for (NodePlan.Note note : plan.events()) {
            ObjectReference about = note.pod() == null ? nodeRef : ObjectReference.to(note.pod());
            events.record(about, note.type(), note.reason(), note.message());
        }
        return plan.recheckAfter().map(Result::requeueAfter).orElse(Result.done());
    }
}
