package dev.orc.api.model;

import java.util.List;
import java.util.Optional;

/** What the deployment controller observed. */
public record DeploymentStatus(Long observedGeneration, Integer replicas, Integer updatedReplicas,
                               Integer readyReplicas, Integer availableReplicas, Integer unavailableReplicas,
                               @OmitEmpty List<Condition> conditions, Integer collisionCount) {
    public static final String AVAILABLE = "Available";
    public static final String PROGRESSING = "Progressing";
    public static final String REPLICA_FAILURE = "ReplicaFailure";

    public DeploymentStatus {
        conditions = Immutable.list(conditions);
    }

    public Optional<Condition> condition(String type) {
        return Conditions.find(conditions, type);
    }

    public DeploymentStatus withCondition(Condition condition) {
        return new DeploymentStatus(observedGeneration, replicas, updatedReplicas, readyReplicas, availableReplicas,
                unavailableReplicas, Conditions.put(conditions, condition), collisionCount);
    }

    public DeploymentStatus withObservedGeneration(Long observedGeneration) {
        return new DeploymentStatus(observedGeneration, replicas, updatedReplicas, readyReplicas, availableReplicas,
                unavailableReplicas, conditions, collisionCount);
    }
}
