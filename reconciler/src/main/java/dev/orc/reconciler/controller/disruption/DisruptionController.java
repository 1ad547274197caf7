package dev.orc.reconciler.controller.disruption;

import dev.orc.api.client.ApiClient;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.EventHandler;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.model.Deployment;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodDisruptionBudget;
import dev.orc.api.model.ReplicaSet;
import dev.orc.api.workqueue.WorkQueue;
import dev.orc.reconciler.controller.runtime.Controller;

import java.time.InstantSource;
import java.util.List;

/**
 * The disruption controller: keys are PodDisruptionBudgets. A budget's change enqueues it; a pod's change enqueues
 * every budget of its namespace that selects the pod before or after the change.
 */
public final class DisruptionController {
    public static final String NAME = "disruption";

    private DisruptionController() {
    }

    public static Controller create(Informer<PodDisruptionBudget> budgets, Informer<Pod> pods,
                                    Informer<ReplicaSet> replicaSets, Informer<Deployment> deployments, ApiClient client,
                                    InstantSource clock, int workers) {
        WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
        ObjectCache<PodDisruptionBudget> budgetCache = ObjectCache.of(budgets);
        budgets.addHandler(EventHandler.enqueueOwnKey(queue::add));
        pods.addHandler(EventHandler.enqueueEachVersion(pod -> enqueueSelecting(budgetCache, queue, pod.view())));
        DisruptionReconciler reconciler = new DisruptionReconciler(budgetCache, ObjectCache.of(pods),
                new CachedScales(ObjectCache.of(replicaSets), ObjectCache.of(deployments), client), client, clock);
        return new Controller(NAME, queue, reconciler, List.of(budgets, pods, replicaSets, deployments), workers);
    }

    private static void enqueueSelecting(ObjectCache<PodDisruptionBudget> budgets, WorkQueue<ObjectKey> queue, Pod pod) {
        for (Cached<PodDisruptionBudget> budget : budgets.list(pod.namespace() == null ? "" : pod.namespace())) {
            if (budget.view().selects(pod)) {
                queue.add(budget.key());
            }
        }
    }
}
