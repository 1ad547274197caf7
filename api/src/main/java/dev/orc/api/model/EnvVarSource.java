package dev.orc.api.model;

/** Where an environment variable's value comes from; exactly one source is set. */
public record EnvVarSource(FieldRef fieldRef, ResourceFieldRef resourceFieldRef, KeyRef configMapKeyRef,
                           KeyRef secretKeyRef) {

    /** A field of the pod: {@code metadata.name}, {@code metadata.labels['k']}, {@code status.podIP}... */
    public record FieldRef(String apiVersion, String fieldPath) {
    }

    /** A container's request or limit ({@code limits.memory}), divided by {@code divisor}. */
    public record ResourceFieldRef(String containerName, String resource, Quantity divisor) {
    }

    /** One key of a ConfigMap or Secret; {@code optional} lets the pod start when it is missing. */
    public record KeyRef(String name, String key, Boolean optional) {
    }
}
