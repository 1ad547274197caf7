package dev.orc.reconciler.controller.deployment;

import java.util.Set;

/** The annotations Kubernetes' deployment controller and kubectl keep on Deployments and their ReplicaSets. */
public final class DeploymentAnnotations {
    public static final String REVISION = "deployment.kubernetes.io/revision";
    public static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    public static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    public static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    public static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    /** Deployment annotations that are not history and so are not copied to ReplicaSets (nor back on undo). */
    static final Set<String> NOT_COPIED = Set.of(LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS,
            "deprecated.deployment.rollback.to");

    private DeploymentAnnotations() {
    }

    /** Whether a Deployment annotation belongs in its ReplicaSets' history (orc's own bookkeeping does not). */
    static boolean copied(String key) {
        return !NOT_COPIED.contains(key) && !key.startsWith("orc.dev/");
    }
}
