package dev.orc.api.model;

import java.util.List;

/** What the replicaset controller observed. */
public record ReplicaSetStatus(Integer replicas, Integer fullyLabeledReplicas, Integer readyReplicas,
                               Integer availableReplicas, Long observedGeneration,
                               @OmitEmpty List<Condition> conditions) {

    public ReplicaSetStatus {
        conditions = Immutable.list(conditions);
    }
}
