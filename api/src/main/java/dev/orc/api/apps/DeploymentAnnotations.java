package dev.orc.api.apps;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/** The annotations Kubernetes' deployment controller and kubectl keep on Deployments and their ReplicaSets. */
public final class DeploymentAnnotations {
    public static final String REVISION = "deployment.kubernetes.io/revision";
    public static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    public static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    public static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    public static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    /** Deployment annotations that are not history and so are not copied to ReplicaSets (nor back on undo). */
    static final Set<String> NOT_COPIED = Set.of(LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS,
            "deprecated.deployment.rollback.to");

    private DeploymentAnnotations() {
    }

    /** The revision a Deployment or ReplicaSet carries in {@link #REVISION}; 0 when it has none or it is not a number. */
    public static long revision(JsonNode object) {
        JsonNode value = object.path("metadata").path("annotations").get(REVISION);
        if (value == null || !value.isTextual()) {
            return 0;
        }
        try {
            return Long.parseLong(value.asText().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Whether a Deployment annotation belongs in its ReplicaSets' history (orc's own bookkeeping does not). */
    public static boolean copied(String key) {
        return !NOT_COPIED.contains(key) && !key.startsWith("orc.dev/");
    }
}
