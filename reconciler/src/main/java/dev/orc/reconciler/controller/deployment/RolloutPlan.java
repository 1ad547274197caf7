package dev.orc.reconciler.controller.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.model.DeploymentStatus;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile of a Deployment does, in order: the ReplicaSet writes, then the Deployment's revision
 * annotation ({@code deploymentUpdate}, {@code null} when unchanged), then its status ({@code null} when unchanged);
 * and when to look again though nothing changes ({@code null}: only on change), for the progress deadline.
 */
public record RolloutPlan(List<RolloutAction> actions, ObjectNode deploymentUpdate, DeploymentStatus status,
                          Duration recheckAfter) {
    public RolloutPlan {
        actions = List.copyOf(actions);
    }

    public Optional<ObjectNode> deploymentUpdateIfAny() {
        return Optional.ofNullable(deploymentUpdate);
    }

    public Optional<DeploymentStatus> statusUpdate() {
        return Optional.ofNullable(status);
    }

    public boolean changesNothing() {
        return actions.isEmpty() && deploymentUpdate == null && status == null;
    }
}
