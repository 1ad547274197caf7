package dev.orc.reconciler.controller.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.apps.DeploymentAnnotations;
import dev.orc.api.cache.Cached;
import dev.orc.api.meta.ControllerRefs;
import dev.orc.api.model.Deployment;
import dev.orc.api.model.DeploymentStatus;
import dev.orc.api.model.LabelSelector;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.ReplicaSet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pure heart of the Deployment controller, following Kubernetes' syncDeployment: claim the ReplicaSets the
 * selector matches; when paused or resized mid-rollout only scale; otherwise take one step of the Recreate or
 * RollingUpdate strategy; clean up history once complete; and report status and conditions.
 */
public final class DeploymentPlanner {
    private DeploymentPlanner() {
    }

    /**
     * @param deployment  the Deployment
     * @param replicaSets every ReplicaSet of its namespace
     * @param pods        every pod of its namespace (Recreate waits for the old ones to be gone)
     * @param now         the time, for conditions and the progress deadline
     */
    public static RolloutPlan plan(Cached<Deployment> deployment, List<Cached<ReplicaSet>> replicaSets,
                                   List<Cached<Pod>> pods, Instant now) {
        LabelSelector selector = deployment.view().spec().selector();
        if (selector == null || selector.matchesEverything()) {
            return new RolloutPlan(List.of(), null, null, null);
        }
        List<ReplicaSetState> owned = new ArrayList<>();
        List<ObjectNode[]> released = new ArrayList<>();
        boolean deleting = deployment.view().metadata().deleting();
        for (Cached<ReplicaSet> rs : replicaSets) {
            ObjectMeta meta = rs.view().metadata();
            switch (ControllerRefs.claim(meta, deployment.uid(), selector.matches(meta.labels()), deleting)) {
                case OWNED, ADOPT -> owned.add(new ReplicaSetState(rs.copy()));
                case RELEASE -> {
                    ObjectNode tree = rs.copy();
                    released.add(new ObjectNode[] {tree, ControllerRefs.released(tree, deployment.uid())});
                }
                case IGNORE -> { }
            }
        }
        Set<String> names = replicaSets.stream().map(Cached::name).collect(Collectors.toSet());
        RolloutState state = new RolloutState(deployment, owned, names, now);
        for (ReplicaSetState rs : owned) {
            if (!ControllerRefs.controlledBy(rs.metadata(), deployment.uid())) {
                state.put(new ReplicaSetState(ControllerRefs.adopted(rs.raw(), state.deploymentTree)));
            }
        }
        released.forEach(pair -> state.release(pair[0].path("metadata").path("name").asText(), pair[1]));
        if (deleting) {
            return finish(state, RolloutStatus.calculate(state));
        }
        pausedConditions(state);
        if (state.params.paused() || ProportionalScaling.isScalingEvent(state)) {
            return scaleOnly(state);
        }
        return state.params.rolling() ? rolling(state) : recreate(state, pods);
    }

    private static RolloutPlan scaleOnly(RolloutState state) {
        if (!NewReplicaSets.sync(state, false)) {
            return collision(state);
        }
        ProportionalScaling.scale(state);
        if (state.params.paused()) {
            cleanup(state);
        }
        return finish(state, RolloutStatus.calculate(state));
    }

    private static RolloutPlan rolling(RolloutState state) {
        if (!NewReplicaSets.sync(state, true)) {
            return collision(state);
        }
        ReplicaSetState newRs = state.newReplicaSet().orElseThrow();
        if (!RollingSteps.reconcileNew(state, newRs) && !RollingSteps.reconcileOld(state, newRs)
                && RolloutStatus.complete(state, state.status)) {
            cleanup(state);
        }
        return finish(state, RolloutStatus.rollout(state));
    }

    private static RolloutPlan recreate(RolloutState state, List<Cached<Pod>> pods) {
        if (!NewReplicaSets.sync(state, false)) {
            return collision(state);
        }
        boolean scaledDown = false;
        for (ReplicaSetState old : state.oldReplicaSets()) {
            scaledDown |= old.replicas() > 0 && state.scaleIfNeeded(old, 0);
        }
        if (scaledDown || oldPodsRunning(state, pods)) {
            return finish(state, RolloutStatus.rollout(state));
        }
        if (!NewReplicaSets.sync(state, true)) {
            return collision(state);
        }
        state.scaleIfNeeded(state.newReplicaSet().orElseThrow(), state.params.replicas());
        if (RolloutStatus.complete(state, state.status)) {
            cleanup(state);
        }
        return finish(state, RolloutStatus.rollout(state));
    }

    /** Whether any pod of an old ReplicaSet still runs or terminates (Kubernetes' oldPodsRunning). */
    private static boolean oldPodsRunning(RolloutState state, List<Cached<Pod>> pods) {
        List<ReplicaSetState> old = state.oldReplicaSets();
        if (old.stream().anyMatch(rs -> rs.statusReplicas() > 0)) {
            return true;
        }
        Set<String> oldUids = old.stream().map(ReplicaSetState::uid).collect(Collectors.toSet());
        return pods.stream().anyMatch(pod -> pod.view().metadata().controllerRef()
                .map(ref -> oldUids.contains(ref.uid())).orElse(false)
                && !PodStatus.SUCCEEDED.equals(pod.view().phase()) && !PodStatus.FAILED.equals(pod.view().phase()));
    }

    /** The name NAME-HASH belongs to a ReplicaSet that is not this template's: count a collision and hash again. */
    private static RolloutPlan collision(RolloutState state) {
        Integer count = state.status.collisionCount();
        DeploymentStatus bumped = new DeploymentStatus(state.status.observedGeneration(), state.status.replicas(),
                state.status.updatedReplicas(), state.status.readyReplicas(), state.status.availableReplicas(),
                state.status.unavailableReplicas(), state.status.conditions(), count == null ? 1 : count + 1);
        return new RolloutPlan(state.actions(), null, bumped, Duration.ZERO);
    }

    /** Deletes the oldest old ReplicaSets beyond revisionHistoryLimit that are scaled to zero and settled. */
    private static void cleanup(RolloutState state) {
        List<ReplicaSetState> cleanable = state.oldReplicaSets().stream().filter(rs -> !rs.deleting())
                .sorted(Comparator.comparingLong(ReplicaSetState::revision).thenComparing(ReplicaSetState::created))
                .toList();
        int surplus = cleanable.size() - state.params.revisionHistoryLimit();
        for (int i = 0; i < surplus; i++) {
            ReplicaSetState rs = cleanable.get(i);
            if (rs.statusReplicas() == 0 && rs.replicas() == 0 && rs.generation() <= rs.observedGeneration()) {
                state.delete(rs);
            }
        }
    }

    /** Progressing=Unknown with reason DeploymentPaused or DeploymentResumed as the Deployment is paused or resumed. */
    private static void pausedConditions(RolloutState state) {
        if (!state.params.hasProgressDeadline()) {
            return;
        }
        Optional<String> reason = state.status.condition(DeploymentStatus.PROGRESSING).map(c -> c.reason());
        if (reason.isPresent() && RolloutStatus.TIMED_OUT.equals(reason.get())) {
            return;
        }
        boolean pausedCondition = reason.isPresent() && RolloutStatus.PAUSED.equals(reason.get());
        if (state.params.paused() && !pausedCondition) {
            state.status = RolloutStatus.set(state.status, RolloutStatus.condition(DeploymentStatus.PROGRESSING,
                    "Unknown", RolloutStatus.PAUSED, "Deployment is paused", state.now));
        } else if (!state.params.paused() && pausedCondition) {
            state.status = RolloutStatus.set(state.status, RolloutStatus.condition(DeploymentStatus.PROGRESSING,
                    "Unknown", RolloutStatus.RESUMED, "Deployment is resumed", state.now));
        }
    }

    private static RolloutPlan finish(RolloutState state, DeploymentStatus status) {
        DeploymentStatus observed = state.deployment.view().status();
        DeploymentStatus update = Objects.equals(observed, status) ? null : status;
        ObjectNode deploymentUpdate = null;
        String revision = state.deployment.view().metadata().annotations().get(DeploymentAnnotations.REVISION);
        if (state.deploymentRevision != null && !state.deploymentRevision.equals(revision)) {
            deploymentUpdate = state.deployment.copy();
            deploymentUpdate.withObjectProperty("metadata").withObjectProperty("annotations")
                    .put(DeploymentAnnotations.REVISION, state.deploymentRevision);
        }
        Duration recheck = RolloutStatus.untilDeadline(state, status).orElse(null);
        return new RolloutPlan(state.actions(), deploymentUpdate, update, recheck);
    }
}
