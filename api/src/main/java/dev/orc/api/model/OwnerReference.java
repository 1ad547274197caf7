package dev.orc.api.model;

/** Names the object that owns this one; the garbage collector deletes dependents with their owner. */
public record OwnerReference(String apiVersion, String kind, String name, String uid, Boolean controller,
                             Boolean blockOwnerDeletion) {

    /** A reference marking {@code owner} as the managing controller, as controllers set it on what they create. */
    public static OwnerReference controllerOf(KubeObject owner) {
        return new OwnerReference(owner.apiVersion(), owner.kind(), owner.name(),
                owner.metadata() == null ? null : owner.metadata().uid(), true, true);
    }

    public boolean controlling() {
        return Boolean.TRUE.equals(controller);
    }
}
