package dev.orc.reconciler.controller.daemonset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.TypedResource;
import dev.orc.api.model.DaemonSet;
import dev.orc.api.model.Node;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.Pod;
import dev.orc.api.record.EventRecorder;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.OwnedPods;
import dev.orc.reconciler.controller.OwnerWrites;
import dev.orc.reconciler.controller.runtime.Reconciler;
import dev.orc.reconciler.controller.runtime.Result;

import java.time.InstantSource;
import java.util.List;

/**
 * Reconciles one DaemonSet: reads it, the nodes and its pods from the caches, plans, creates and deletes pods,
 * then writes status if it changed. While creates or deletes it made are not yet in the cache, it only waits.
 */
public final class DaemonSetReconciler implements Reconciler {
    private final OwnedPods<DaemonSet> owned;
    private final ObjectCache<Node> nodes;
    private final TypedResource<DaemonSet> daemonSetClient;
    private final OwnerWrites writes;
    private final InstantSource clock;

    public DaemonSetReconciler(ObjectCache<DaemonSet> daemonSets, ObjectCache<Pod> pods, ObjectCache<Node> nodes,
                               ApiClient client, EventRecorder events, Expectations expectations, InstantSource clock) {
        this.owned = new OwnedPods<>(daemonSets, pods, expectations);
        this.nodes = nodes;
        this.daemonSetClient = client.resource(DaemonSet.class);
        this.writes = new OwnerWrites(client, events, expectations);
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        return owned.reconcile(key, (daemonSet, pods) -> reconcile(key, daemonSet, pods));
    }

    private Result reconcile(ObjectKey key, ObjectNode daemonSet, List<Pod> owned) {
        List<Node> nodeViews = nodes.list("").stream().map(Cached::view).toList();
        DaemonSetPlan plan = DaemonSetPlanner.plan(daemonSet, nodeViews, owned, clock.instant());

        ObjectReference owner = ObjectReference.of(daemonSet);
        writes.createPods(key, owner, plan.creates(), pod -> " on node " + pod.path("spec").path("nodeName").asText());
        writes.deletePods(key, owner, plan.deletes().stream().map(OwnerWrites.PodRef::of).toList());
        OwnerWrites.statusIfChanged(daemonSetClient, daemonSet, plan.status());
        return plan.recheckAfter().map(Result::requeueAfter).orElse(Result.done());
    }
}
