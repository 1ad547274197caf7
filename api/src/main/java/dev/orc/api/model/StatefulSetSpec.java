package dev.orc.api.model;

import java.util.List;

/**
 * The desired state of a StatefulSet: {@code replicas} pods {@code <name>-0..N-1} from the template, each with its
 * own claims from {@code volumeClaimTemplates}, named in DNS through the governing Service {@code serviceName}.
 */
public record StatefulSetSpec(Integer replicas, LabelSelector selector, PodTemplateSpec template,
                              @OmitEmpty List<PersistentVolumeClaim> volumeClaimTemplates, String serviceName,
                              String podManagementPolicy, StatefulSetUpdateStrategy updateStrategy,
                              Integer revisionHistoryLimit, Integer minReadySeconds,
                              RetentionPolicy persistentVolumeClaimRetentionPolicy, Ordinals ordinals) {
    /** Pods are created in order, each Running and Ready before the next, and removed in reverse. */
    public static final String ORDERED_READY = "OrderedReady";
    /** Pods are created and removed all at once. */
    public static final String PARALLEL = "Parallel";

    public StatefulSetSpec {
        volumeClaimTemplates = Immutable.list(volumeClaimTemplates);
    }

    /** What happens to the claims of the templates when the StatefulSet is deleted or scaled down. */
    public record RetentionPolicy(String whenDeleted, String whenScaled) {
        public static final String RETAIN = "Retain";
        public static final String DELETE = "Delete";
    }

    /** The ordinal of the first replica (Kubernetes' {@code spec.ordinals.start}). */
    public record Ordinals(Integer start) {
    }

    public int replicasOrDefault() {
        return replicas == null ? 1 : replicas;
    }

    public boolean parallel() {
        return PARALLEL.equals(podManagementPolicy);
    }

    /** Pods are replaced with the new template only when the user deletes them. */
    public boolean updatesOnDelete() {
        return updateStrategy != null && updateStrategy.onDelete();
    }

    public int firstOrdinal() {
        return ordinals == null || ordinals.start() == null ? 0 : ordinals.start();
    }

    public StatefulSetSpec withTemplate(PodTemplateSpec template) {
        return new StatefulSetSpec(replicas, selector, template, volumeClaimTemplates, serviceName, podManagementPolicy,
                updateStrategy, revisionHistoryLimit, minReadySeconds, persistentVolumeClaimRetentionPolicy, ordinals);
    }
}
