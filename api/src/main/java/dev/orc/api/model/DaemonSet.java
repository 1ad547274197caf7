package dev.orc.api.model;

/** apps/v1 DaemonSet. */
public record DaemonSet(String apiVersion, String kind, ObjectMeta metadata, DaemonSetSpec spec,
                        DaemonSetStatus status) implements KubeObject {
    public static final String API_VERSION = "apps/v1";
    public static final String KIND = "DaemonSet";

    public static DaemonSet of(ObjectMeta metadata, DaemonSetSpec spec) {
        return new DaemonSet(API_VERSION, KIND, metadata, spec, null);
    }

    @Override
    public DaemonSet withMetadata(ObjectMeta metadata) {
        return new DaemonSet(apiVersion, kind, metadata, spec, status);
    }

    public DaemonSet withSpec(DaemonSetSpec spec) {
        return new DaemonSet(apiVersion, kind, metadata, spec, status);
    }

    public DaemonSet withStatus(DaemonSetStatus status) {
        return new DaemonSet(apiVersion, kind, metadata, spec, status);
    }
}
