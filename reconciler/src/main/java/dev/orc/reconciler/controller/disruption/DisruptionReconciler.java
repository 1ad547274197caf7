package dev.orc.reconciler.controller.disruption;

import dev.orc.api.client.ApiClient;
import dev.orc.api.client.TypedResource;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodDisruptionBudget;
import dev.orc.reconciler.controller.OwnerWrites;
import dev.orc.reconciler.controller.runtime.Reconciler;
import dev.orc.reconciler.controller.runtime.Result;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Reconciles one PodDisruptionBudget: plans its status from the pods of its namespace and writes it only when it
 * differs; comes back when an evicted pod's grace in {@code disruptedPods} runs out.
 */
public final class DisruptionReconciler implements Reconciler {
    private final ObjectCache<PodDisruptionBudget> budgets;
    private final ObjectCache<Pod> pods;
    private final ScaleLookup scales;
    private final TypedResource<PodDisruptionBudget> budgetClient;
    private final InstantSource clock;

    public DisruptionReconciler(ObjectCache<PodDisruptionBudget> budgets, ObjectCache<Pod> pods, ScaleLookup scales,
                                ApiClient client, InstantSource clock) {
        this.budgets = budgets;
        this.pods = pods;
        this.scales = scales;
        this.budgetClient = client.resource(PodDisruptionBudget.class);
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<Cached<PodDisruptionBudget>> budget = budgets.get(key);
        if (budget.isEmpty()) {
            return Result.done();
        }
        List<Pod> inNamespace = pods.list(key.namespace()).stream().map(Cached::view).toList();
        DisruptionPlan plan = DisruptionPlanner.plan(budget.get().view(), inNamespace, scales, clock.instant());
        OwnerWrites.statusIfChanged(budgetClient, budget.get().copy(), plan.status());
        return plan.recheckAfter().map(Result::requeueAfter).orElse(Result.done());
    }
}
