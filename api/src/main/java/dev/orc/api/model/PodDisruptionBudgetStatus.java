package dev.orc.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the disruption controller observed: the healthy pods there are and must be, the pods expected, how many
 * more may be disrupted now, and the pods the eviction subresource let go that have not gone yet (name → when).
 */
public record PodDisruptionBudgetStatus(Long observedGeneration, @OmitEmpty Map<String, String> disruptedPods,
                                        int disruptionsAllowed, int currentHealthy, int desiredHealthy,
                                        int expectedPods, @OmitEmpty List<Condition> conditions) {
    /** The condition saying whether an eviction may spend the budget now. */
    public static final String DISRUPTION_ALLOWED = "DisruptionAllowed";
    public static final String SUFFICIENT_PODS = "SufficientPods";
    public static final String INSUFFICIENT_PODS = "InsufficientPods";
    public static final String SYNC_FAILED = "SyncFailed";
    public static final PodDisruptionBudgetStatus EMPTY = new PodDisruptionBudgetStatus(null, Map.of(), 0, 0, 0, 0,
            List.of());

    public PodDisruptionBudgetStatus {
        disruptedPods = Immutable.map(disruptedPods);
        conditions = Immutable.list(conditions);
    }

    public Optional<Condition> condition(String type) {
        return Conditions.find(conditions, type);
    }

    /**
     * This status with the {@code DisruptionAllowed} condition its disruptionsAllowed calls for (its transition time
     * kept while it holds), as both the disruption controller and the eviction subresource set it.
     */
    public PodDisruptionBudgetStatus withDisruptionAllowedCondition(Instant now) {
        boolean allowed = disruptionsAllowed > 0;
        Condition condition = new Condition(DISRUPTION_ALLOWED, allowed ? Condition.TRUE : Condition.FALSE,
                observedGeneration, null, null, null, Timestamps.format(now),
                allowed ? SUFFICIENT_PODS : INSUFFICIENT_PODS, "");
        return withConditions(Conditions.put(conditions, condition));
    }

    /** This status after an eviction spent one disruption on {@code pod} at {@code now}. */
    public PodDisruptionBudgetStatus withDisrupted(String pod, Instant now) {
        PodDisruptionBudgetStatus spent = new PodDisruptionBudgetStatus(observedGeneration,
                Immutable.with(disruptedPods, pod, Timestamps.format(now)), disruptionsAllowed - 1, currentHealthy,
                desiredHealthy, expectedPods, conditions);
        return spent.disruptionsAllowed == 0 ? spent.withDisruptionAllowedCondition(now) : spent;
    }

    public PodDisruptionBudgetStatus withConditions(List<Condition> conditions) {
        return new PodDisruptionBudgetStatus(observedGeneration, disruptedPods, disruptionsAllowed, currentHealthy,
                desiredHealthy, expectedPods, conditions);
    }
}
