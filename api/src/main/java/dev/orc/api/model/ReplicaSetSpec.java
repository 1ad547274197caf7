package dev.orc.api.model;

/** The desired state of a ReplicaSet. */
public record ReplicaSetSpec(Integer replicas, Integer minReadySeconds, LabelSelector selector,
                             PodTemplateSpec template) {

    public static ReplicaSetSpec of(int replicas, LabelSelector selector, PodTemplateSpec template) {
        return new ReplicaSetSpec(replicas, null, selector, template);
    }

    public ReplicaSetSpec withReplicas(Integer replicas) {
        return new ReplicaSetSpec(replicas, minReadySeconds, selector, template);
    }
}
