package dev.orc.api.model;

/** What every typed view of an API object has: its type and its metadata. */
public interface KubeObject {
    String apiVersion();

    String kind();

    ObjectMeta metadata();

    /** This object with other metadata (uid, resourceVersion, labels...), all else unchanged. */
    KubeObject withMetadata(ObjectMeta metadata);

    default String name() {
        return metadata() == null ? null : metadata().name();
    }

    default String namespace() {
        return metadata() == null ? null : metadata().namespace();
    }
}
