package dev.orc.api.model;

/**
 * coordination.k8s.io/v1 Lease: who holds a lock and when they last renewed it. orc keeps the controller manager's
 * leader in {@code kube-system} and each node's heartbeat in {@code kube-node-lease}, as Kubernetes does.
 */
public record Lease(String apiVersion, String kind, ObjectMeta metadata, Spec spec) implements KubeObject {
    public static final String API_VERSION = "coordination.k8s.io/v1";
    public static final String KIND = "Lease";

    /** Times are RFC 3339 with microseconds ({@link Timestamps#formatMicros}). */
    public record Spec(String holderIdentity, Integer leaseDurationSeconds, String acquireTime, String renewTime,
                       Integer leaseTransitions) {
    }

    public static Lease of(ObjectMeta metadata, Spec spec) {
        return new Lease(API_VERSION, KIND, metadata, spec);
    }

    @Override
    public Lease withMetadata(ObjectMeta metadata) {
        return new Lease(apiVersion, kind, metadata, spec);
    }
}
