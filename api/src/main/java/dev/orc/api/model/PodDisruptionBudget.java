package dev.orc.api.model;

/** policy/v1 PodDisruptionBudget: how many of the pods a selector picks may be down at once by voluntary disruption. */
public record PodDisruptionBudget(String apiVersion, String kind, ObjectMeta metadata, PodDisruptionBudgetSpec spec,
                                  PodDisruptionBudgetStatus status) implements KubeObject {
    public static final String API_VERSION = "policy/v1";
    public static final String KIND = "PodDisruptionBudget";

    @Override
    public PodDisruptionBudget withMetadata(ObjectMeta metadata) {
        return new PodDisruptionBudget(apiVersion, kind, metadata, spec, status);
    }

    /**
     * Whether the budget covers {@code pod}: a pod of its namespace its selector matches. As in policy/v1, an empty
     * selector covers every pod of the namespace and a missing one none.
     */
    public boolean selects(Pod pod) {
        return spec != null && spec.selector() != null && java.util.Objects.equals(namespace(), pod.namespace())
                && spec.selector().matches(pod.metadata() == null ? null : pod.metadata().labels());
    }

    public PodDisruptionBudget withStatus(PodDisruptionBudgetStatus status) {
        return new PodDisruptionBudget(apiVersion, kind, metadata, spec, status);
    }
}
