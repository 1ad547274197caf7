package dev.orc.reconciler.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodDisruptionBudget;
import dev.orc.api.model.PodDisruptionBudgetStatus;
import dev.orc.api.model.PodStatus;

import dev.orc.api.status.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * The eviction subresource, as kube-apiserver evicts: a pod that is pending, finished or already terminating is
 * deleted at once; a pod no budget covers too; a pod in more than one budget is not evicted; otherwise its budget
 * must allow a disruption, spent by a compare-and-swap of the budget's status (re-read and re-checked on a conflict,
 * so two evictions never spend the same disruption) before the pod is deleted with the caller's options. A pod that
 * is not ready is deleted without spending when its budget's policy is AlwaysAllow or the budget is met.
 */
public final class Evictions {
    /** Kubernetes' limit on evictions the disruption controller has not confirmed yet. */
    static final int MAX_DISRUPTED_PODS = 2000;
    static final String VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";
    static final String BUDGET_CAUSE = "DisruptionBudget";
    private static final int RETRY_AFTER_UNPROCESSED = 10;

    /** What became of an eviction that did not fail. */
    public enum Outcome { EVICTED, MULTIPLE_BUDGETS }

    private final ObjectRegistry registry;
    private final Deletion deletion;

    public Evictions(ObjectRegistry registry, Deletion deletion) {
        this.registry = registry;
        this.deletion = deletion;
    }

    public Outcome evict(String namespace, String name, DeleteOptions options, boolean dryRun) {
        for (int attempt = 1; ; attempt++) {
            ObjectNode stored = registry.get(ResourceTypes.POD, namespace, name);
            Pod pod = Json.convert(stored, Pod.class);
            if (!budgetsIgnored(pod)) {
                return evictGuarded(pod, options, dryRun);
            }
            try {
                deletion.delete(ResourceTypes.POD, namespace, name, pinned(pod, options), dryRun);
                return Outcome.EVICTED;
            } catch (ApiException.Conflict e) {
                if (options.preconditionResourceVersion() != null || attempt >= ObjectRegistry.MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Outcome evictGuarded(Pod pod, DeleteOptions options, boolean dryRun) {
        List<PodDisruptionBudget> budgets = budgetsOf(pod);
        if (budgets.size() > 1) {
            return Outcome.MULTIPLE_BUDGETS;
        }
        if (budgets.isEmpty()) {
            deletion.delete(ResourceTypes.POD, pod.namespace(), pod.name(), options, dryRun);
            return Outcome.EVICTED;
        }
        PodDisruptionBudget budget = budgets.getFirst();
        if (!ready(pod) && unhealthyMayGo(budget)) {
            deleteUnchanged(pod, budget, options, dryRun);
            return Outcome.EVICTED;
        }
        spend(budget, pod.name(), dryRun);
        deletion.delete(ResourceTypes.POD, pod.namespace(), pod.name(), options, dryRun);
        return Outcome.EVICTED;
    }

    /** Deletes the pod only as it was when judged, so that it cannot have turned ready since; else 429. */
    private void deleteUnchanged(Pod pod, PodDisruptionBudget budget, DeleteOptions options, boolean dryRun) {
        try {
            deletion.delete(ResourceTypes.POD, pod.namespace(), pod.name(), pinned(pod, options), dryRun);
        } catch (ApiException.Conflict e) {
            if (options.preconditionResourceVersion() != null) {
                throw e;
            }
            throw unprocessed(budget.name());
        }
    }

    /** Spends one disruption of the budget on {@code pod}: a compare-and-swap of its status, checked on each read. */
    private void spend(PodDisruptionBudget budget, String pod, boolean dryRun) {
        try {
            registry.modify(ResourceTypes.POD_DISRUPTION_BUDGET, budget.namespace(), budget.name(), current -> {
                PodDisruptionBudget now = Json.convert(current, PodDisruptionBudget.class);
                PodDisruptionBudgetStatus status = check(now);
                current.set("status", Json.tree(status.withDisrupted(pod, registry.clock().instant())));
                return current;
            }, ObjectRegistry.Part.STATUS, dryRun);
        } catch (ApiException.Conflict e) {
            throw new ApiException.Timeout("couldn't update PodDisruptionBudget \"" + budget.name()
                    + "\" due to conflicts");
        }
    }

    private static PodDisruptionBudgetStatus check(PodDisruptionBudget budget) {
        PodDisruptionBudgetStatus status = budget.status() == null ? PodDisruptionBudgetStatus.EMPTY : budget.status();
        long generation = budget.metadata().generation() == null ? 0 : budget.metadata().generation();
        if (status.observedGeneration() == null || status.observedGeneration() < generation) {
            throw unprocessed(budget.name());
        }
        if (status.disruptionsAllowed() < 0) {
            throw forbidden(budget.name(), "pdb disruptions allowed is negative");
        }
        if (status.disruptedPods().size() > MAX_DISRUPTED_PODS) {
            throw forbidden(budget.name(),
                    "DisruptedPods map too big - too many evictions not confirmed by PDB controller");
        }
        if (status.disruptionsAllowed() == 0) {
            throw new ApiException.TooManyRequests(VIOLATION, 0, List.of(new ApiException.Cause(BUDGET_CAUSE,
                    "The disruption budget " + budget.name() + " needs " + status.desiredHealthy()
                            + " healthy pods and has " + status.currentHealthy() + " currently", null)));
        }
        return status;
    }

    private List<PodDisruptionBudget> budgetsOf(Pod pod) {
        List<PodDisruptionBudget> budgets = new ArrayList<>();
        JsonNode items = registry.list(ResourceTypes.POD_DISRUPTION_BUDGET, pod.namespace(), Selection.everything(), 0,
                null).path("items");
        for (JsonNode item : items) {
            PodDisruptionBudget budget = Json.convert(item, PodDisruptionBudget.class);
            if (budget.selects(pod)) {
                budgets.add(budget);
            }
        }
        return budgets;
    }

    /** Pending, finished or already terminating: the pod disrupts nothing more by going. */
    private static boolean budgetsIgnored(Pod pod) {
        String phase = pod.phase();
        return PodStatus.PENDING.equals(phase) || PodStatus.SUCCEEDED.equals(phase) || PodStatus.FAILED.equals(phase)
                || pod.metadata().deleting();
    }

    private static boolean unhealthyMayGo(PodDisruptionBudget budget) {
        if (budget.spec() != null && budget.spec().alwaysAllowUnhealthy()) {
            return true;
        }
        PodDisruptionBudgetStatus status = budget.status();
        return status != null && status.currentHealthy() >= status.desiredHealthy() && status.desiredHealthy() > 0;
    }

    /**
     * The caller's options, pinned to the pod's resourceVersion (unless the caller pinned one) when the pod is still
     * running or pending, so that the delete cannot race the pod becoming ready.
     */
    private static DeleteOptions pinned(Pod pod, DeleteOptions options) {
        String phase = pod.phase();
        boolean settled = PodStatus.SUCCEEDED.equals(phase) || PodStatus.FAILED.equals(phase) || pod.metadata().deleting();
        if (settled || options.preconditionResourceVersion() != null) {
            return options;
        }
        return options.withPreconditionResourceVersion(pod.metadata().resourceVersion());
    }

    private static boolean ready(Pod pod) {
        return pod.status() != null && pod.status().ready();
    }

    private static ApiException unprocessed(String budget) {
        return new ApiException.TooManyRequests(VIOLATION, RETRY_AFTER_UNPROCESSED, List.of(new ApiException.Cause(
                BUDGET_CAUSE, "The disruption budget " + budget + " is still being processed by the server.", null)));
    }

    private static ApiException forbidden(String budget, String why) {
        return new ApiException.Forbidden("poddisruptionbudget.policy \"" + budget + "\" is forbidden: " + why,
                "policy", "poddisruptionbudget", budget);
    }
}
