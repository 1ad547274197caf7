package dev.orc.reconciler.controller.disruption;

import dev.orc.api.model.Condition;
import dev.orc.api.model.Conditions;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.OwnerReference;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodDisruptionBudget;
import dev.orc.api.model.PodDisruptionBudgetSpec;
import dev.orc.api.model.PodDisruptionBudgetStatus;
import dev.orc.api.model.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A budget's status from its pods, as Kubernetes' disruption controller computes it. Expected pods: with an integer
 * minAvailable, the pods selected; otherwise the sum of the scales of the pods' controllers (pods without one are
 * not counted). Desired healthy: minAvailable, or expected minus maxUnavailable, percentages of expected rounded up.
 * Healthy: Ready pods that are neither being deleted nor recently evicted ({@code disruptedPods}, forgotten after
 * {@link #DELETION_TIMEOUT}). Disruptions allowed: healthy minus desired, never below 0, and 0 while nothing is
 * expected. A pod whose controller cannot be found fails the sync safe: no disruption allowed, condition SyncFailed.
 */
public final class DisruptionPlanner {
    /** How long an eviction's pod may take to be marked for deletion before the budget counts it again. */
    public static final Duration DELETION_TIMEOUT = Duration.ofMinutes(2);

    private DisruptionPlanner() {
    }

    /** @param pods the pods of the budget's namespace; the budget's selector picks its own */
    public static DisruptionPlan plan(PodDisruptionBudget pdb, List<Pod> pods, ScaleLookup scales, Instant now) {
        List<Pod> selected = pods.stream().filter(pdb::selects).toList();
        PodDisruptionBudgetStatus old = pdb.status() == null ? PodDisruptionBudgetStatus.EMPTY : pdb.status();
        Long generation = pdb.metadata().generation();
        Expected expected;
        try {
            expected = expected(pdb.spec(), selected, scales);
        } catch (NoControllerException e) {
            return new DisruptionPlan(failSafe(old, e.getMessage(), now), Optional.empty());
        }
        Map<String, String> disrupted = new TreeMap<>();
        Instant recheck = null;
        for (Pod pod : selected) {
            String since = old.disruptedPods().get(pod.name());
            if (since == null || pod.metadata().deleting()) {
                continue;
            }
            Instant expectedDeletion = Timestamps.parse(since).plus(DELETION_TIMEOUT);
            if (!expectedDeletion.isBefore(now)) {
                disrupted.put(pod.name(), since);
                recheck = recheck == null || expectedDeletion.isBefore(recheck) ? expectedDeletion : recheck;
            }
        }
        int healthy = (int) selected.stream()
                .filter(pod -> !pod.metadata().deleting() && !disrupted.containsKey(pod.name()) && ready(pod))
                .count();
        int allowed = expected.count() <= 0 ? 0 : Math.max(0, healthy - expected.desiredHealthy());
        PodDisruptionBudgetStatus status = new PodDisruptionBudgetStatus(generation, disrupted, allowed, healthy,
                expected.desiredHealthy(), expected.count(), old.conditions());
        return new DisruptionPlan(status.withDisruptionAllowedCondition(now),
                Optional.ofNullable(recheck).map(at -> Duration.between(now, at).plusSeconds(1)));
    }

    private static PodDisruptionBudgetStatus failSafe(PodDisruptionBudgetStatus old, String why, Instant now) {
        Condition condition = new Condition(PodDisruptionBudgetStatus.DISRUPTION_ALLOWED, Condition.FALSE,
                old.observedGeneration(), null, null, null, Timestamps.format(now),
                PodDisruptionBudgetStatus.SYNC_FAILED, why);
        return new PodDisruptionBudgetStatus(old.observedGeneration(), old.disruptedPods(), 0, old.currentHealthy(),
                old.desiredHealthy(), old.expectedPods(), Conditions.put(old.conditions(), condition));
    }

    private static boolean ready(Pod pod) {
        return pod.status() != null && pod.status().ready();
    }

    /** How many pods are expected and how many of them must be healthy. */
    private record Expected(int count, int desiredHealthy) {
    }

    private static Expected expected(PodDisruptionBudgetSpec spec, List<Pod> pods, ScaleLookup scales) {
        IntOrString maxUnavailable = spec == null ? null : spec.maxUnavailable();
        IntOrString minAvailable = spec == null ? null : spec.minAvailable();
        if (maxUnavailable != null) {
            int count = scale(pods, scales);
            return new Expected(count, Math.max(0, count - maxUnavailable.scaledValue(count, true)));
        }
        if (minAvailable == null) {
            return new Expected(0, 0);
        }
        if (minAvailable.isInt()) {
            return new Expected(pods.size(), minAvailable.intValue());
        }
        int count = scale(pods, scales);
        return new Expected(count, minAvailable.scaledValue(count, true));
    }

    /**
     * The sum of the scales of the pods' controllers, each counted once (the ReplicaSets of one Deployment count its
     * replicas once); pods without a controller add nothing.
     */
    private static int scale(List<Pod> pods, ScaleLookup scales) {
        Map<String, Integer> byController = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Pod pod : pods) {
            Optional<OwnerReference> ref = pod.metadata().controllerRef();
            if (ref.isEmpty() || !seen.add(ref.get().uid())) {
                continue;
            }
            ControllerScale scale = scales.find(pod.namespace(), ref.get())
                    .orElseThrow(() -> new NoControllerException("found no controllers for pod \"" + pod.name() + "\""));
            byController.put(scale.uid(), scale.replicas());
        }
        return byController.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** A pod names a controller that cannot be found: the status cannot be computed. */
    private static final class NoControllerException extends RuntimeException {
        NoControllerException(String message) {
            super(message);
        }
    }
}
