package dev.orc.api.model;

import java.util.List;

/** What the StatefulSet controller observed, counted as Kubernetes counts it. */
public record StatefulSetStatus(Long observedGeneration, Integer replicas, Integer readyReplicas,
                                Integer currentReplicas, Integer updatedReplicas, String currentRevision,
                                String updateRevision, Integer collisionCount, Integer availableReplicas,
                                @OmitEmpty List<Condition> conditions) {
    public StatefulSetStatus {
        conditions = Immutable.list(conditions);
    }
}
