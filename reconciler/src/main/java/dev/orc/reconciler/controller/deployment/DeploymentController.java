package dev.orc.reconciler.controller.deployment;

import dev.orc.api.cache.Cached;
import dev.orc.api.cache.EventHandler;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.model.Deployment;
import dev.orc.api.model.Pod;
import dev.orc.api.model.ReplicaSet;
import dev.orc.api.record.EventRecorder;
import dev.orc.api.workqueue.WorkQueue;
import dev.orc.reconciler.controller.OwnerKeys;
import dev.orc.reconciler.controller.runtime.Controller;

import java.time.InstantSource;
import java.util.List;

/**
 * Wires the Deployment controller: Deployment, ReplicaSet and pod informers feed Deployment keys to the
 * reconciler. A ReplicaSet enqueues its Deployment (or, orphaned, the Deployments that may adopt it); a pod going
 * away enqueues the Deployment of its ReplicaSet, which Recreate waits for.
 */
public final class DeploymentController {
    public static final String NAME = "deployment";

    private DeploymentController() {
    }

    /** The informers may be shared with other controllers; the controller starts them (starting twice is harmless). */
    public static Controller create(Informer<Deployment> deployments, Informer<ReplicaSet> replicaSets, Informer<Pod> pods,
                                    ApiClient client, EventRecorder events, InstantSource clock, int workers) {
        WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
        ObjectCache<Deployment> deploymentCache = ObjectCache.of(deployments);
        ObjectCache<ReplicaSet> replicaSetCache = ObjectCache.of(replicaSets);
        OwnerKeys.watch(deployments, Deployment.KIND, replicaSets, queue::add);
        pods.addHandler(new EventHandler<>() {
            @Override
            public void onAdd(Cached<Pod> object) {
            }

            @Override
            public void onUpdate(Cached<Pod> oldObject, Cached<Pod> newObject) {
            }

            @Override
            public void onDelete(Cached<Pod> pod) {
                for (ObjectKey rs : OwnerKeys.of(pod, ReplicaSet.KIND, replicaSetCache)) {
                    replicaSetCache.get(rs).ifPresent(found ->
                            OwnerKeys.of(found, Deployment.KIND, deploymentCache).forEach(queue::add));
                }
            }
        });
        DeploymentReconciler reconciler = new DeploymentReconciler(deploymentCache, replicaSetCache, ObjectCache.of(pods),
                client, events, clock);
        return new Controller(NAME, queue, reconciler, List.of(deployments, replicaSets, pods), workers);
    }
}
