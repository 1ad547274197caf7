package dev.orc.api.model;

/**
 * v1 PersistentVolumeClaim. orc has one kind of storage, a node-local directory: a claim is Bound at once and lives
 * on the node of the first pod that uses it.
 */
public record PersistentVolumeClaim(String apiVersion, String kind, ObjectMeta metadata, PersistentVolumeClaimSpec spec,
                                    PersistentVolumeClaimStatus status) implements KubeObject {
    public static final String API_VERSION = "v1";
    public static final String KIND = "PersistentVolumeClaim";
    /** Kubernetes' finalizer that keeps a claim while a pod uses it. */
    public static final String PROTECTION_FINALIZER = "kubernetes.io/pvc-protection";

    @Override
    public PersistentVolumeClaim withMetadata(ObjectMeta metadata) {
        return new PersistentVolumeClaim(apiVersion, kind, metadata, spec, status);
    }

    public PersistentVolumeClaim withStatus(PersistentVolumeClaimStatus status) {
        return new PersistentVolumeClaim(apiVersion, kind, metadata, spec, status);
    }
}
