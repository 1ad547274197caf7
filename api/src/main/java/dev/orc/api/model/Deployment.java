package dev.orc.api.model;

/** apps/v1 Deployment. */
public record Deployment(String apiVersion, String kind, ObjectMeta metadata, DeploymentSpec spec,
                         DeploymentStatus status) implements KubeObject {
    public static final String API_VERSION = "apps/v1";
    public static final String KIND = "Deployment";

    public static Deployment of(ObjectMeta metadata, DeploymentSpec spec) {
        return new Deployment(API_VERSION, KIND, metadata, spec, null);
    }

    @Override
    public Deployment withMetadata(ObjectMeta metadata) {
        return new Deployment(apiVersion, kind, metadata, spec, status);
    }

    public Deployment withSpec(DeploymentSpec spec) {
        return new Deployment(apiVersion, kind, metadata, spec, status);
    }

    public Deployment withStatus(DeploymentStatus status) {
        return new Deployment(apiVersion, kind, metadata, spec, status);
    }
}
