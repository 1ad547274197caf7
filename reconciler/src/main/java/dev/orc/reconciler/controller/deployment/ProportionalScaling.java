package dev.orc.reconciler.controller.deployment;

import dev.orc.api.apps.DeploymentAnnotations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Resizing a Deployment whose rollout is under way, as Kubernetes' sync.go scale() does: a single active
 * ReplicaSet takes the whole new size; a saturated new ReplicaSet leaves old ones at zero; otherwise, for rolling
 * updates, the difference to replicas + maxSurge is spread over the active ReplicaSets in proportion to their size
 * (by their max-replicas annotation), the largest taking the rounding leftovers.
 */
final class ProportionalScaling {
    private ProportionalScaling() {
    }

    /** Whether some active ReplicaSet was sized for another replica count than the Deployment's now (isScalingEvent). */
    static boolean isScalingEvent(RolloutState state) {
        return state.all().stream().filter(rs -> rs.replicas() > 0).anyMatch(rs -> {
            OptionalInt desired = rs.intAnnotation(DeploymentAnnotations.DESIRED_REPLICAS);
            return desired.isPresent() && desired.getAsInt() != state.params.replicas();
        });
    }

    static void scale(RolloutState state) {
        DeploymentParams params = state.params;
        Optional<ReplicaSetState> newRs = state.newReplicaSet();
        Optional<ReplicaSetState> single = activeOrLatest(state, newRs);
        if (single.isPresent()) {
            state.scaleIfNeeded(single.get(), params.replicas());
            return;
        }
        if (newRs.isPresent() && saturated(state, newRs.get())) {
            state.oldReplicaSets().stream().filter(rs -> rs.replicas() > 0).forEach(rs -> state.scaleIfNeeded(rs, 0));
            return;
        }
        if (!params.rolling()) {
            return;
        }
        List<ReplicaSetState> active = new ArrayList<>(state.all().stream().filter(rs -> rs.replicas() > 0).toList());
        int current = active.stream().mapToInt(ReplicaSetState::replicas).sum();
        int allowed = params.replicas() > 0 ? params.replicas() + params.maxSurge() : 0;
        int toAdd = allowed - current;
        if (toAdd > 0) {
            active.sort(Comparator.comparingInt(ReplicaSetState::replicas).reversed()
                    .thenComparing(ReplicaSetState::created, Comparator.reverseOrder()));
        } else if (toAdd < 0) {
            active.sort(Comparator.comparingInt(ReplicaSetState::replicas).reversed()
                    .thenComparing(ReplicaSetState::created));
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        int added = 0;
        for (ReplicaSetState rs : active) {
            int proportion = toAdd == 0 ? 0 : proportion(state, rs, toAdd, added);
            sizes.put(rs.name(), rs.replicas() + proportion);
            added += proportion;
        }
        for (int i = 0; i < active.size(); i++) {
            ReplicaSetState rs = active.get(i);
            int size = sizes.get(rs.name());
            if (i == 0 && toAdd != 0) {
                size = Math.max(0, size + toAdd - added);
            }
            state.scale(rs, size);
        }
    }

    private static Optional<ReplicaSetState> activeOrLatest(RolloutState state, Optional<ReplicaSetState> newRs) {
        List<ReplicaSetState> active = state.all().stream().filter(rs -> rs.replicas() > 0).toList();
        if (active.size() == 1) {
            return Optional.of(active.get(0));
        }
        if (!active.isEmpty()) {
            return Optional.empty();
        }
        if (newRs.isPresent()) {
            return newRs;
        }
        List<ReplicaSetState> old = state.oldReplicaSets();
        return old.isEmpty() ? Optional.empty() : Optional.of(old.get(old.size() - 1));
    }

    private static boolean saturated(RolloutState state, ReplicaSetState rs) {
        int replicas = state.params.replicas();
        OptionalInt desired = rs.intAnnotation(DeploymentAnnotations.DESIRED_REPLICAS);
        return desired.isPresent() && desired.getAsInt() == replicas && rs.replicas() == replicas
                && rs.availableReplicas() == replicas;
    }

    private static int proportion(RolloutState state, ReplicaSetState rs, int toAdd, int added) {
        if (rs.replicas() == 0 || toAdd == added) {
            return 0;
        }
        int fraction = fraction(state, rs);
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }

    /** How many replicas this ReplicaSet gains (or loses) at the new size, in proportion to the size it was made for. */
    private static int fraction(RolloutState state, ReplicaSetState rs) {
        DeploymentParams params = state.params;
        if (params.replicas() == 0) {
            return -rs.replicas();
        }
        int deploymentReplicas = params.replicas() + params.maxSurge();
        OptionalInt annotated = rs.intAnnotation(DeploymentAnnotations.MAX_REPLICAS);
        int base = annotated.isPresent() ? annotated.getAsInt()
                : state.status.replicas() == null ? 0 : state.status.replicas();
        if (base == 0) {
            return 0;
        }
        double newSize = (double) rs.replicas() * deploymentReplicas / base;
        return (int) Math.round(newSize) - rs.replicas();
    }
}
