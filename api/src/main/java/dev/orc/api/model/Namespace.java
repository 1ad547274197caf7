package dev.orc.api.model;

import java.util.List;

/** v1 Namespace (cluster-scoped). */
public record Namespace(String apiVersion, String kind, ObjectMeta metadata, Spec spec, Status status)
        implements KubeObject {
    public static final String API_VERSION = "v1";
    public static final String KIND = "Namespace";
    public static final String ACTIVE = "Active";
    public static final String TERMINATING = "Terminating";

    public static Namespace of(String name) {
        return new Namespace(API_VERSION, KIND, ObjectMeta.named(name), null, null);
    }

    public record Spec(@OmitEmpty List<String> finalizers) {
        public Spec {
            finalizers = Immutable.list(finalizers);
        }
    }

    public record Status(String phase, @OmitEmpty List<Condition> conditions) {
        public Status {
            conditions = Immutable.list(conditions);
        }
    }

    @Override
    public Namespace withMetadata(ObjectMeta metadata) {
        return new Namespace(apiVersion, kind, metadata, spec, status);
    }

    public Namespace withStatus(Status status) {
        return new Namespace(apiVersion, kind, metadata, spec, status);
    }

    public boolean terminating() {
        return (status != null && TERMINATING.equals(status.phase())) || (metadata != null && metadata.deleting());
    }
}
