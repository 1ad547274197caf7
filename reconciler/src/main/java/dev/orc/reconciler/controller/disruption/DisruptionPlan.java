package dev.orc.reconciler.controller.disruption;

import dev.orc.api.model.PodDisruptionBudgetStatus;

import java.time.Duration;
import java.util.Optional;

/** The status a budget should have now, and when to look again (when an eviction's grace for a pod runs out). */
public record DisruptionPlan(PodDisruptionBudgetStatus status, Optional<Duration> recheckAfter) {
}
