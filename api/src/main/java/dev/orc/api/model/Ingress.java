package dev.orc.api.model;

/** networking.k8s.io/v1 Ingress: HTTP(S) routes by host and path from outside the cluster to Services. */
public record Ingress(String apiVersion, String kind, ObjectMeta metadata, IngressSpec spec, IngressStatus status)
        implements KubeObject {
    public static final String API_VERSION = "networking.k8s.io/v1";
    public static final String KIND = "Ingress";

    public static Ingress of(ObjectMeta metadata, IngressSpec spec) {
        return new Ingress(API_VERSION, KIND, metadata, spec, null);
    }

    @Override
    public Ingress withMetadata(ObjectMeta metadata) {
        return new Ingress(apiVersion, kind, metadata, spec, status);
    }

    public Ingress withStatus(IngressStatus status) {
        return new Ingress(apiVersion, kind, metadata, spec, status);
    }
}
