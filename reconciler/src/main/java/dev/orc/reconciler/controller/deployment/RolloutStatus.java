package dev.orc.reconciler.controller.deployment;

import dev.orc.api.model.Condition;
import dev.orc.api.model.DeploymentStatus;
import dev.orc.api.model.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Deployment's status from its ReplicaSets, and its Available and Progressing conditions, with Kubernetes'
 * reasons and rules: a condition that keeps its status and reason is left alone; Progressing's lastUpdateTime
 * moves whenever the rollout makes progress, and a rollout without progress for progressDeadlineSeconds times out.
 */
final class RolloutStatus {
    static final String NEW_RS_CREATED = "NewReplicaSetCreated";
    static final String FOUND_NEW_RS = "FoundNewReplicaSet";
    static final String RS_UPDATED = "ReplicaSetUpdated";
    static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
    static final String TIMED_OUT = "ProgressDeadlineExceeded";
    static final String PAUSED = "DeploymentPaused";
    static final String RESUMED = "DeploymentResumed";
    static final String MIN_AVAILABLE = "MinimumReplicasAvailable";
    static final String MIN_UNAVAILABLE = "MinimumReplicasUnavailable";

    private RolloutStatus() {
    }

    /** Counts from the ReplicaSets, and the Available condition (Kubernetes' calculateStatus). */
    static DeploymentStatus calculate(RolloutState state) {
        List<ReplicaSetState> all = state.all();
        Optional<ReplicaSetState> newRs = state.newReplicaSet();
        int available = all.stream().mapToInt(ReplicaSetState::availableReplicas).sum();
        int total = all.stream().mapToInt(ReplicaSetState::replicas).sum();
        DeploymentStatus status = new DeploymentStatus(state.deployment.view().metadata().generation(),
                all.stream().mapToInt(ReplicaSetState::statusReplicas).sum(),
                newRs.map(ReplicaSetState::statusReplicas).orElse(0),
                all.stream().mapToInt(ReplicaSetState::readyReplicas).sum(),
                available, Math.max(0, total - available), state.status.conditions(), state.status.collisionCount());
        DeploymentParams params = state.params;
        Condition availability = available >= params.replicas() - params.maxUnavailable()
                ? condition(DeploymentStatus.AVAILABLE, Condition.TRUE, MIN_AVAILABLE, "Deployment has minimum availability.", state.now)
                : condition(DeploymentStatus.AVAILABLE, Condition.FALSE, MIN_UNAVAILABLE, "Deployment does not have minimum availability.", state.now);
        return set(status, availability);
    }

    /** Counts, Available, and Progressing as the rollout moved since the status last written (syncRolloutStatus). */
    static DeploymentStatus rollout(RolloutState state) {
        DeploymentStatus status = calculate(state);
        DeploymentParams params = state.params;
        if (!params.hasProgressDeadline()) {
            return without(status, DeploymentStatus.PROGRESSING);
        }
        Optional<Condition> current = state.status.condition(DeploymentStatus.PROGRESSING);
        boolean complete = status.replicas().equals(status.updatedReplicas())
                && current.map(c -> NEW_RS_AVAILABLE.equals(c.reason())).orElse(false);
        if (complete) {
            return status;
        }
        String subject = state.newReplicaSet().map(rs -> "ReplicaSet \"" + rs.name() + "\"")
                .orElse("Deployment \"" + state.deployment.name() + "\"");
        if (complete(state, status)) {
            return set(status, condition(DeploymentStatus.PROGRESSING, Condition.TRUE, NEW_RS_AVAILABLE,
                    subject + " has successfully progressed.", state.now));
        }
        if (progressing(state.status, status)) {
            Condition progress = condition(DeploymentStatus.PROGRESSING, Condition.TRUE, RS_UPDATED,
                    subject + " is progressing.", state.now);
            if (current.isPresent() && current.get().statusTrue()) {
                progress = progress.withLastTransitionTime(current.get().lastTransitionTime());
            }
            return with(without(status, DeploymentStatus.PROGRESSING), progress);
        }
        if (timedOut(state, status)) {
            return set(status, condition(DeploymentStatus.PROGRESSING, Condition.FALSE, TIMED_OUT,
                    subject + " has timed out progressing.", state.now));
        }
        return status;
    }

    /** All replicas updated and available, and this generation observed (Kubernetes' DeploymentComplete). */
    static boolean complete(RolloutState state, DeploymentStatus status) {
        int replicas = state.params.replicas();
        Long generation = state.deployment.view().metadata().generation();
        return eq(status.updatedReplicas(), replicas) && eq(status.replicas(), replicas)
                && eq(status.availableReplicas(), replicas)
                && (generation == null || (status.observedGeneration() != null && status.observedGeneration() >= generation));
    }

    /**
     * How long until the rollout would pass its deadline without progress, so the controller looks then; empty when
     * there is no deadline, the rollout is done, or it already timed out.
     */
    static Optional<Duration> untilDeadline(RolloutState state, DeploymentStatus status) {
        Optional<Condition> progressing = status.condition(DeploymentStatus.PROGRESSING);
        if (!state.params.hasProgressDeadline() || progressing.isEmpty() || complete(state, status)
                || TIMED_OUT.equals(progressing.get().reason()) || NEW_RS_AVAILABLE.equals(progressing.get().reason())
                || progressing.get().lastUpdateTime() == null) {
            return Optional.empty();
        }
        Instant deadline = Timestamps.parse(progressing.get().lastUpdateTime()).plusSeconds(state.params.progressDeadlineSeconds());
        Duration after = Duration.between(state.now, deadline).plusSeconds(1);
        return Optional.of(after.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : after);
    }

    static Condition condition(String type, String status, String reason, String message, Instant now) {
        String time = Timestamps.format(now);
        return new Condition(type, status, null, null, null, time, time, reason, message);
    }

    /** Kubernetes' SetDeploymentCondition: unchanged when status and reason are; keeps lastTransitionTime when status is. */
    static DeploymentStatus set(DeploymentStatus status, Condition condition) {
        Optional<Condition> existing = status.condition(condition.type());
        boolean sameStatus = existing.isPresent() && Objects.equals(existing.get().status(), condition.status());
        if (sameStatus && Objects.equals(existing.get().reason(), condition.reason())) {
            return status;
        }
        Condition placed = sameStatus
                ? condition.withLastTransitionTime(existing.get().lastTransitionTime()) : condition;
        return with(without(status, condition.type()), placed);
    }

    private static boolean progressing(DeploymentStatus old, DeploymentStatus now) {
        int oldOld = value(old.replicas()) - value(old.updatedReplicas());
        int newOld = value(now.replicas()) - value(now.updatedReplicas());
        return value(now.updatedReplicas()) > value(old.updatedReplicas()) || newOld < oldOld
                || value(now.readyReplicas()) > value(old.readyReplicas())
                || value(now.availableReplicas()) > value(old.availableReplicas());
    }

    private static boolean timedOut(RolloutState state, DeploymentStatus status) {
        Optional<Condition> progressing = status.condition(DeploymentStatus.PROGRESSING);
        if (progressing.isEmpty() || NEW_RS_AVAILABLE.equals(progressing.get().reason())) {
            return false;
        }
        if (TIMED_OUT.equals(progressing.get().reason())) {
            return true;
        }
        if (progressing.get().lastUpdateTime() == null) {
            return false;
        }
        Instant from = Timestamps.parse(progressing.get().lastUpdateTime());
        return from.plusSeconds(state.params.progressDeadlineSeconds()).isBefore(state.now);
    }

    private static DeploymentStatus without(DeploymentStatus status, String type) {
        return replaceConditions(status, status.conditions().stream().filter(c -> !type.equals(c.type())).toList());
    }

    private static DeploymentStatus with(DeploymentStatus status, Condition condition) {
        List<Condition> conditions = new ArrayList<>(status.conditions());
        conditions.add(condition);
        return replaceConditions(status, conditions);
    }

    static DeploymentStatus replaceConditions(DeploymentStatus s, List<Condition> conditions) {
        return new DeploymentStatus(s.observedGeneration(), s.replicas(), s.updatedReplicas(), s.readyReplicas(),
                s.availableReplicas(), s.unavailableReplicas(), conditions, s.collisionCount());
    }

    private static boolean eq(Integer value, int expected) {
        return value != null && value == expected;
    }

    private static int value(Integer value) {
        return value == null ? 0 : value;
    }
}
