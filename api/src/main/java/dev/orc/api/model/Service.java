package dev.orc.api.model;

/** v1 Service. */
public record Service(String apiVersion, String kind, ObjectMeta metadata, ServiceSpec spec, ServiceStatus status)
        implements KubeObject {
    public static final String API_VERSION = "v1";
    public static final String KIND = "Service";

    public static Service of(ObjectMeta metadata, ServiceSpec spec) {
        return new Service(API_VERSION, KIND, metadata, spec, null);
    }

    @Override
    public Service withMetadata(ObjectMeta metadata) {
        return new Service(apiVersion, kind, metadata, spec, status);
    }

    public Service withSpec(ServiceSpec spec) {
        return new Service(apiVersion, kind, metadata, spec, status);
    }

    public Service withStatus(ServiceStatus status) {
        return new Service(apiVersion, kind, metadata, spec, status);
    }
}
