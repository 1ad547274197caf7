package dev.orc.api.model;

/** v1 Pod. */
public record Pod(String apiVersion, String kind, ObjectMeta metadata, PodSpec spec, PodStatus status)
        implements KubeObject {
    public static final String API_VERSION = "v1";
    public static final String KIND = "Pod";

    public static Pod of(ObjectMeta metadata, PodSpec spec) {
        return new Pod(API_VERSION, KIND, metadata, spec, null);
    }

    @Override
    public Pod withMetadata(ObjectMeta metadata) {
        return new Pod(apiVersion, kind, metadata, spec, status);
    }

    public Pod withSpec(PodSpec spec) {
        return new Pod(apiVersion, kind, metadata, spec, status);
    }

    public Pod withStatus(PodStatus status) {
        return new Pod(apiVersion, kind, metadata, spec, status);
    }

    /** This pod bound to a node. */
    public Pod withNodeName(String nodeName) {
        return withSpec((spec == null ? PodSpec.of() : spec).withNodeName(nodeName));
    }

    public String nodeName() {
        return spec == null ? null : spec.nodeName();
    }

    public String phase() {
        return status == null ? null : status.phase();
    }
}
