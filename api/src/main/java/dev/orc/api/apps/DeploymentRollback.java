package dev.orc.api.apps;

import dev.orc.api.meta.ControllerRefs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.ObjectMeta;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code orc rollout undo}, as kubectl does it: the Deployment with the pod template of the ReplicaSet of an
 * earlier revision (its {@code pod-template-hash} label removed) and that revision's history annotations such as
 * {@code kubernetes.io/change-cause}. Writing it back starts a rollout to that template, whose ReplicaSet the
 * controller then makes the newest revision.
 */
public final class DeploymentRollback {
    /** The Deployment to write back, the revision it returns to, and whether its template already is that one. */
    public record Result(ObjectNode deployment, long revision, boolean alreadyCurrent) {
    }

    private DeploymentRollback() {
    }

    /**
     * @param deployment  the Deployment as stored
     * @param replicaSets the ReplicaSets of its namespace (those it controls are its history)
     * @param toRevision  the revision to return to; 0 for the one before the current
     * @throws IllegalArgumentException naming the revision when there is no such revision, and when the Deployment
     *                                  is paused
     */
    public static Result to(ObjectNode deployment, List<ObjectNode> replicaSets, long toRevision) {
        String name = deployment.path("metadata").path("name").asText();
        if (deployment.path("spec").path("paused").asBoolean(false)) {
            throw new IllegalArgumentException("you cannot rollback a paused deployment; resume it first with "
                    + "orc rollout resume deployment/" + name + " and try again");
        }
        String uid = deployment.path("metadata").path("uid").asText();
        List<ObjectNode> history = replicaSets.stream()
                .filter(rs -> ControllerRefs.controlledBy(Json.convert(rs.path("metadata"), ObjectMeta.class), uid))
                .sorted(Comparator.comparingLong(DeploymentAnnotations::revision).reversed())
                .toList();
        long revision = toRevision;
        if (revision == 0) {
            if (history.size() < 2) {
                throw new IllegalArgumentException("no rollout history found for deployment \"" + name + "\"");
            }
            revision = DeploymentAnnotations.revision(history.get(1));
        }
        long wanted = revision;
        Optional<ObjectNode> target = history.stream().filter(rs -> DeploymentAnnotations.revision(rs) == wanted).findFirst();
        if (target.isEmpty()) {
            throw new IllegalArgumentException("unable to find specified revision " + wanted + " in history of deployment \""
                    + name + "\"");
        }
        ObjectNode template = PodTemplateHash.withoutHash(target.get().path("spec").path("template"));
        boolean current = template.equals(PodTemplateHash.withoutHash(deployment.path("spec").path("template")));
        ObjectNode result = deployment.deepCopy();
        result.withObjectProperty("spec").set("template", template);
        ObjectNode annotations = result.withObjectProperty("metadata").withObjectProperty("annotations");
        Iterator<Map.Entry<String, JsonNode>> fields = target.get().path("metadata").path("annotations").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (DeploymentAnnotations.copied(entry.getKey())) {
                annotations.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
        return new Result(result, wanted, current);
    }
}
