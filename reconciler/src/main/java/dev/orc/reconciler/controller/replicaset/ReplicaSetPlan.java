package dev.orc.reconciler.controller.replicaset;

import dev.orc.api.model.ReplicaSetStatus;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile of a ReplicaSet does: pod writes in order, then the status to write ({@code null} when it
 * is unchanged), and when to look again even if nothing changes ({@code null}: only on the next change), for
 * pods that will pass {@code minReadySeconds}.
 */
public record ReplicaSetPlan(List<PodAction> actions, ReplicaSetStatus status, Duration recheckAfter) {
    public ReplicaSetPlan {
        actions = List.copyOf(actions);
    }

    public Optional<ReplicaSetStatus> statusUpdate() {
        return Optional.ofNullable(status);
    }

    public Optional<Duration> recheck() {
        return Optional.ofNullable(recheckAfter);
    }
}
