package dev.orc.reconciler.controller.statefulset;

import dev.orc.api.client.ApiClient;
import dev.orc.api.record.EventRecorder;
import dev.orc.api.cache.EventHandler;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.model.ControllerRevision;
import dev.orc.api.model.PersistentVolumeClaim;
import dev.orc.api.model.Pod;
import dev.orc.api.model.StatefulSet;
import dev.orc.api.workqueue.WorkQueue;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.OwnerKeys;
import dev.orc.reconciler.controller.runtime.Controller;

import java.time.InstantSource;
import java.util.List;

/**
 * Wires the StatefulSet controller: a set's change enqueues it, a pod's or revision's change its controller, and a
 * claim's change the sets of its namespace (a claim that finished going lets a pod of its ordinal be made again).
 */
public final class StatefulSetController {
    public static final String NAME = "statefulset";

    private StatefulSetController() {
    }

    public static Controller create(Informer<StatefulSet> sets, Informer<Pod> pods,
                                    Informer<PersistentVolumeClaim> claims, Informer<ControllerRevision> revisions,
                                    ApiClient client, EventRecorder events, InstantSource clock, int workers) {
        WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
        OwnerKeys.watch(sets, StatefulSet.KIND, pods, queue::add);
        revisions.addHandler(OwnerKeys.handler(StatefulSet.KIND, ObjectCache.of(sets), queue::add));
        claims.addHandler(EventHandler.enqueue(claim -> sets.list().stream()
                .filter(set -> set.namespace().equals(claim.namespace())).forEach(set -> queue.add(set.key()))));
        StatefulSetReconciler reconciler = new StatefulSetReconciler(ObjectCache.of(sets), ObjectCache.of(pods),
                ObjectCache.of(claims), ObjectCache.of(revisions), client, events,
                new Expectations(clock, Expectations.DEFAULT_TIMEOUT), clock);
        return new Controller(NAME, queue, reconciler, List.of(sets, pods, claims, revisions), workers);
    }
}
