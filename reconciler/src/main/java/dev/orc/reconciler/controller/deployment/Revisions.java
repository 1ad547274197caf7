package dev.orc.reconciler.controller.deployment;

import dev.orc.api.apps.DeploymentAnnotations;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Revision bookkeeping on a Deployment's ReplicaSets, as Kubernetes keeps it: the new ReplicaSet gets revision
 * max(old)+1 — also when it is an older one coming back, as on undo, whose former revisions go to
 * {@code revision-history}; Deployment annotations such as {@code kubernetes.io/change-cause} are copied to it;
 * scaled ReplicaSets carry the desired and maximum replica counts for proportional scaling.
 */
final class Revisions {
    private Revisions() {
    }

    static long maxRevision(List<ReplicaSetState> replicaSets) {
        return replicaSets.stream().mapToLong(ReplicaSetState::revision).max().orElse(0);
    }

    /** Kubernetes' SetNewReplicaSetAnnotations: history annotations, the new revision, and for a new RS the sizes. */
    static ReplicaSetState annotateNew(ReplicaSetState rs, JsonNode deployment, DeploymentParams params,
                                       long newRevision, boolean exists) {
        ReplicaSetState result = rs;
        Iterator<Map.Entry<String, JsonNode>> fields = deployment.path("metadata").path("annotations").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (DeploymentAnnotations.copied(entry.getKey()) && entry.getValue().isTextual()
                    && !result.annotation(entry.getKey()).equals(Optional.of(entry.getValue().asText()))) {
                result = result.withAnnotation(entry.getKey(), entry.getValue().asText());
            }
        }
        Optional<String> oldRevision = result.annotation(DeploymentAnnotations.REVISION);
        long old = oldRevision.map(ReplicaSetState::parseLong).orElse(0L);
        if (old < newRevision) {
            result = result.withAnnotation(DeploymentAnnotations.REVISION, Long.toString(newRevision));
            if (oldRevision.isPresent()) {
                String history = result.annotation(DeploymentAnnotations.REVISION_HISTORY).orElse("");
                result = result.withAnnotation(DeploymentAnnotations.REVISION_HISTORY,
                        history.isEmpty() ? oldRevision.get() : history + "," + oldRevision.get());
            }
        }
        return exists ? result : withReplicaAnnotations(result, params);
    }

    /** The desired-replicas and max-replicas annotations for the Deployment's current size. */
    static ReplicaSetState withReplicaAnnotations(ReplicaSetState rs, DeploymentParams params) {
        ReplicaSetState result = rs;
        String desired = Integer.toString(params.replicas());
        String max = Integer.toString(params.replicas() + params.maxSurge());
        if (!result.annotation(DeploymentAnnotations.DESIRED_REPLICAS).equals(Optional.of(desired))) {
            result = result.withAnnotation(DeploymentAnnotations.DESIRED_REPLICAS, desired);
        }
        if (!result.annotation(DeploymentAnnotations.MAX_REPLICAS).equals(Optional.of(max))) {
            result = result.withAnnotation(DeploymentAnnotations.MAX_REPLICAS, max);
        }
        return result;
    }
}
