package dev.orc.api.model;

/** Every key of a ConfigMap or a Secret as environment variables, each name prefixed by {@code prefix}. */
public record EnvFromSource(String prefix, Ref configMapRef, Ref secretRef) {

    /** The ConfigMap or Secret to read; {@code optional} lets the pod start when it is missing. */
    public record Ref(String name, Boolean optional) {
    }
}
