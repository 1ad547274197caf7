package dev.orc.cli;

import dev.orc.api.apps.DeploymentAnnotations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceTypes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A Deployment's revisions: the ReplicaSets it controls, oldest revision first, as {@code rollout history} lists them. */
final class DeploymentHistory {
    /** One revision: its number, its change-cause (empty when none) and its ReplicaSet. */
    record Revision(long number, String changeCause, ObjectNode replicaSet) {
    }

    private DeploymentHistory() {
    }

    /** The ReplicaSets of the Deployment's namespace (its history is among them). */
    static List<ObjectNode> replicaSets(ApiClient client, String namespace) {
        List<ObjectNode> sets = new ArrayList<>();
        client.listAll(ResourceTypes.REPLICA_SET, namespace, ListOptions.all()).path("items")
                .forEach(item -> sets.add((ObjectNode) item));
        return List.copyOf(sets);
    }

    static List<Revision> of(JsonNode deployment, List<ObjectNode> replicaSets) {
        String uid = deployment.path("metadata").path("uid").asText();
        List<Revision> revisions = new ArrayList<>();
        for (ObjectNode rs : replicaSets) {
            if (!controlledBy(rs, uid)) {
                continue;
            }
            JsonNode annotations = rs.path("metadata").path("annotations");
            long number = parse(annotations.path(DeploymentAnnotations.REVISION).asText(""));
            if (number > 0) {
                revisions.add(new Revision(number, annotations.path(DeploymentAnnotations.CHANGE_CAUSE).asText(""), rs));
            }
        }
        revisions.sort(Comparator.comparingLong(Revision::number));
        return List.copyOf(revisions);
    }

    private static boolean controlledBy(JsonNode object, String uid) {
        for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false) && ref.path("uid").asText().equals(uid)) {
                return true;
            }
        }
        return false;
    }

    private static long parse(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
