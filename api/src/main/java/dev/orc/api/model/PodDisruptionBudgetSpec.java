package dev.orc.api.model;

/**
 * The budget: at most one of {@code minAvailable} and {@code maxUnavailable} (a count or a percentage), the pods it
 * covers, and whether pods that are not ready may always be evicted ({@code AlwaysAllow}) or only while the budget
 * holds ({@code IfHealthyBudget}, the default).
 */
public record PodDisruptionBudgetSpec(IntOrString minAvailable, IntOrString maxUnavailable, LabelSelector selector,
                                      String unhealthyPodEvictionPolicy) {
    public static final String IF_HEALTHY_BUDGET = "IfHealthyBudget";
    public static final String ALWAYS_ALLOW = "AlwaysAllow";

    /** Unready pods may be evicted whatever the budget says. */
    public boolean alwaysAllowUnhealthy() {
        return ALWAYS_ALLOW.equals(unhealthyPodEvictionPolicy);
    }
}
