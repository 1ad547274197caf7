package dev.orc.reconciler.controller.replicaset;

import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.model.Pod;
import dev.orc.api.model.ReplicaSet;
import dev.orc.api.record.EventRecorder;
import dev.orc.api.workqueue.WorkQueue;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.OwnerKeys;
import dev.orc.reconciler.controller.runtime.Controller;

import java.time.InstantSource;
import java.util.List;

/** Wires the ReplicaSet controller: ReplicaSet and pod informers feed ReplicaSet keys to the reconciler. */
public final class ReplicaSetController {
    public static final String NAME = "replicaset";

    private ReplicaSetController() {
    }

    /** The informers may be shared with other controllers; the controller starts them (starting twice is harmless). */
    public static Controller create(Informer<ReplicaSet> replicaSets, Informer<Pod> pods, ApiClient client,
                                    EventRecorder events, InstantSource clock, int workers) {
        WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
        OwnerKeys.watch(replicaSets, ReplicaSet.KIND, pods, queue::add);
        ReplicaSetReconciler reconciler = new ReplicaSetReconciler(ObjectCache.of(replicaSets), ObjectCache.of(pods),
                client, events, new Expectations(clock, Expectations.DEFAULT_TIMEOUT), clock);
        return new Controller(NAME, queue, reconciler, List.of(replicaSets, pods), workers);
    }
}
