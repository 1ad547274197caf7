package dev.orc.reconciler.controller.deployment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One step of a rolling update, as Kubernetes' rolling.go takes it: scale the new ReplicaSet up within
 * replicas + maxSurge; otherwise scale old ReplicaSets down within replicas - maxUnavailable available pods,
 * first the unhealthy ones (pods that are not available count nothing towards availability), oldest first.
 */
final class RollingSteps {
    private RollingSteps() {
    }

    /** The new ReplicaSet's size after scaling up within the surge budget (Kubernetes' NewRSNewReplicas). */
    static int newReplicaSetSize(DeploymentParams params, List<ReplicaSetState> all, ReplicaSetState newRs) {
        if (!params.rolling()) {
            return params.replicas();
        }
        int current = all.stream().mapToInt(ReplicaSetState::replicas).sum();
        int maxTotal = params.replicas() + params.maxSurge();
        if (current >= maxTotal) {
            return newRs.replicas();
        }
        int scaleUp = Math.min(maxTotal - current, params.replicas() - newRs.replicas());
        return newRs.replicas() + scaleUp;
    }

    /** Scales the new ReplicaSet towards the Deployment's size; returns whether it scaled. */
    static boolean reconcileNew(RolloutState state, ReplicaSetState newRs) {
        int replicas = state.params.replicas();
        ReplicaSetState latest = state.latest(newRs);
        if (latest.replicas() == replicas) {
            return false;
        }
        if (latest.replicas() > replicas) {
            return state.scaleIfNeeded(latest, replicas);
        }
        return state.scaleIfNeeded(latest, newReplicaSetSize(state.params, state.all(), latest));
    }

    /** Scales old ReplicaSets down as far as availability allows; returns whether any scaled. */
    static boolean reconcileOld(RolloutState state, ReplicaSetState newRs) {
        List<ReplicaSetState> oldActive = state.oldReplicaSets().stream().filter(rs -> rs.replicas() > 0).toList();
        int oldPods = oldActive.stream().mapToInt(ReplicaSetState::replicas).sum();
        if (oldPods == 0) {
            return false;
        }
        ReplicaSetState latestNew = state.latest(newRs);
        int allPods = state.all().stream().mapToInt(ReplicaSetState::replicas).sum();
        int minAvailable = state.params.replicas() - state.params.maxUnavailable();
        int newUnavailable = latestNew.replicas() - latestNew.availableReplicas();
        int maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return false;
        }
        int cleaned = cleanupUnhealthy(state, oldActive, maxScaledDown);
        int scaled = scaleDownOld(state);
        return cleaned + scaled > 0;
    }

    /** Scales away old pods that are not available, oldest ReplicaSet first, at most {@code max} of them. */
    private static int cleanupUnhealthy(RolloutState state, List<ReplicaSetState> oldActive, int max) {
        int total = 0;
        for (ReplicaSetState rs : byCreation(oldActive)) {
            if (total >= max) {
                break;
            }
            ReplicaSetState latest = state.latest(rs);
            int unhealthy = latest.replicas() - latest.availableReplicas();
            if (latest.replicas() == 0 || unhealthy <= 0) {
                continue;
            }
            int down = Math.min(max - total, unhealthy);
            state.scaleIfNeeded(latest, latest.replicas() - down);
            total += down;
        }
        return total;
    }

    /** Scales old ReplicaSets down by as many available pods as exceed replicas - maxUnavailable, oldest first. */
    private static int scaleDownOld(RolloutState state) {
        int minAvailable = state.params.replicas() - state.params.maxUnavailable();
        int available = state.all().stream().mapToInt(ReplicaSetState::availableReplicas).sum();
        if (available <= minAvailable) {
            return 0;
        }
        int budget = available - minAvailable;
        int total = 0;
        for (ReplicaSetState rs : byCreation(state.oldReplicaSets())) {
            if (total >= budget) {
                break;
            }
            ReplicaSetState latest = state.latest(rs);
            if (latest.replicas() == 0) {
                continue;
            }
            int down = Math.min(latest.replicas(), budget - total);
            state.scaleIfNeeded(latest, latest.replicas() - down);
            total += down;
        }
        return total;
    }

    private static List<ReplicaSetState> byCreation(List<ReplicaSetState> replicaSets) {
        List<ReplicaSetState> sorted = new ArrayList<>(replicaSets);
        sorted.sort(Comparator.comparing(ReplicaSetState::created).thenComparing(ReplicaSetState::name));
        return sorted;
    }
}
