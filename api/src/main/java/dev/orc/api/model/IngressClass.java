package dev.orc.api.model;

import java.util.Map;

/**
 * networking.k8s.io/v1 IngressClass: which controller serves the Ingresses of a class. orc's own is {@code orc}
 * (controller {@code orc.dev/ingress}), marked the default for Ingresses that name no class.
 */
public record IngressClass(String apiVersion, String kind, ObjectMeta metadata, Spec spec) implements KubeObject {
    public static final String API_VERSION = "networking.k8s.io/v1";
    public static final String KIND = "IngressClass";
    public static final String ORC = "orc";
    public static final String ORC_CONTROLLER = "orc.dev/ingress";
    public static final String DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";

    /** orc's class, the default one. */
    public static IngressClass orc() {
        ObjectMeta metadata = ObjectMeta.named(ORC).withAnnotations(Map.of(DEFAULT_CLASS_ANNOTATION, "true"));
        return new IngressClass(API_VERSION, KIND, metadata, new Spec(ORC_CONTROLLER));
    }

    @Override
    public IngressClass withMetadata(ObjectMeta metadata) {
        return new IngressClass(apiVersion, kind, metadata, spec);
    }

    /** Whether this class is the one for Ingresses that name none. */
    public boolean markedDefault() {
        return metadata != null && "true".equals(metadata.annotations().get(DEFAULT_CLASS_ANNOTATION));
    }

    public record Spec(String controller) {
    }
}
