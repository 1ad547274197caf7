package dev.orc.reconciler.controller.deployment;

import dev.orc.api.model.Deployment;
import dev.orc.api.model.DeploymentSpec;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.RollingUpdate;
import dev.orc.api.model.UpdateStrategy;

/**
 * A Deployment's spec with apps/v1 defaults filled in (1 replica, RollingUpdate 25%/25%, 10 revisions of history,
 * a 600 s progress deadline) and the surge and unavailability budgets resolved as Kubernetes does: surge rounded
 * up, unavailable rounded down, and 1 unavailable when both come to 0.
 */
record DeploymentParams(int replicas, boolean rolling, int maxSurge, int maxUnavailable, Integer progressDeadlineSeconds,
                        int revisionHistoryLimit, int minReadySeconds, boolean paused) {
    private static final IntOrString DEFAULT_BUDGET = IntOrString.percent(25);

    static DeploymentParams of(Deployment deployment) {
        DeploymentSpec spec = deployment.spec();
        int replicas = spec.replicas() == null ? 1 : spec.replicas();
        UpdateStrategy strategy = spec.strategy();
        boolean rolling = strategy == null || strategy.type() == null || !UpdateStrategy.RECREATE.equals(strategy.type());
        int surge = 0;
        int unavailable = 0;
        if (rolling) {
            RollingUpdate budgets = strategy == null ? null : strategy.rollingUpdate();
            IntOrString surgeValue = budgets == null || budgets.maxSurge() == null ? DEFAULT_BUDGET : budgets.maxSurge();
            IntOrString unavailableValue = budgets == null || budgets.maxUnavailable() == null
                    ? DEFAULT_BUDGET : budgets.maxUnavailable();
            surge = surgeValue.scaledValue(replicas, true);
            unavailable = unavailableValue.scaledValue(replicas, false);
            if (surge == 0 && unavailable == 0) {
                unavailable = 1;
            }
            unavailable = replicas == 0 ? 0 : Math.min(unavailable, replicas);
        }
        Integer deadline = spec.progressDeadlineSeconds() == null ? Integer.valueOf(600)
                : spec.progressDeadlineSeconds() == Integer.MAX_VALUE ? null : spec.progressDeadlineSeconds();
        return new DeploymentParams(replicas, rolling, surge, unavailable, deadline,
                spec.revisionHistoryLimit() == null ? 10 : spec.revisionHistoryLimit(),
                spec.minReadySeconds() == null ? 0 : spec.minReadySeconds(), Boolean.TRUE.equals(spec.paused()));
    }

    boolean hasProgressDeadline() {
        return progressDeadlineSeconds != null;
    }
}
