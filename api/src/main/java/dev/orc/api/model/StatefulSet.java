package dev.orc.api.model;

/** apps/v1 StatefulSet: pods with stable names, network identities and storage. */
public record StatefulSet(String apiVersion, String kind, ObjectMeta metadata, StatefulSetSpec spec,
                          StatefulSetStatus status) implements KubeObject {
    public static final String API_VERSION = "apps/v1";
    public static final String KIND = "StatefulSet";

    public static StatefulSet of(ObjectMeta metadata, StatefulSetSpec spec) {
        return new StatefulSet(API_VERSION, KIND, metadata, spec, null);
    }

    @Override
    public StatefulSet withMetadata(ObjectMeta metadata) {
        return new StatefulSet(apiVersion, kind, metadata, spec, status);
    }

    public StatefulSet withStatus(StatefulSetStatus status) {
        return new StatefulSet(apiVersion, kind, metadata, spec, status);
    }
}
