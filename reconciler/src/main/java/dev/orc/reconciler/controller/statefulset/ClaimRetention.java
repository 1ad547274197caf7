package dev.orc.reconciler.controller.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.StatefulSetSpec.RetentionPolicy;

/**
 * persistentVolumeClaimRetentionPolicy as owner references, as Kubernetes sets them on a StatefulSet's claims:
 * whenDeleted Delete makes the set an owner of the claim (the garbage collector deletes it with the set);
 * whenScaled Delete makes the pod an owner of the claim once the pod's ordinal is scaled away (it goes with the pod).
 * Retain removes the reference. References to other owners stay.
 */
final class ClaimRetention {
    private ClaimRetention() {
    }

    /**
     * The claim's owner references for {@code policy}; {@code pod} is the claim's pod, if it exists.
     *
     * @return a copy of {@code claim} with the references it should have
     */
    static ObjectNode apply(ObjectNode claim, ObjectNode set, JsonNode pod, boolean scaledDown) {
        JsonNode policy = set.path("spec").path("persistentVolumeClaimRetentionPolicy");
        boolean deleteWithSet = RetentionPolicy.DELETE.equals(policy.path("whenDeleted").asText());
        boolean deleteWhenScaled = RetentionPolicy.DELETE.equals(policy.path("whenScaled").asText());
        boolean setOwns = deleteWithSet && !(deleteWhenScaled && scaledDown);
        boolean podOwns = deleteWhenScaled && scaledDown && pod != null;
        ObjectNode copy = claim.deepCopy();
        reference(copy, set, setOwns);
        if (pod != null) {
            reference(copy, pod, podOwns);
        }
        ArrayNode refs = (ArrayNode) copy.withObjectProperty("metadata").withArrayProperty("ownerReferences");
        if (refs.isEmpty()) {
            copy.withObjectProperty("metadata").remove("ownerReferences");
        }
        return copy;
    }

    private static void reference(ObjectNode claim, JsonNode owner, boolean wanted) {
        String uid = owner.path("metadata").path("uid").asText();
        ArrayNode refs = claim.withObjectProperty("metadata").withArrayProperty("ownerReferences");
        boolean present = false;
        for (int i = refs.size() - 1; i >= 0; i--) {
            if (uid.equals(refs.get(i).path("uid").asText())) {
                if (wanted && !present) {
                    present = true;
                } else {
                    refs.remove(i);
                }
            }
        }
        if (wanted && !present) {
            ObjectNode ref = Json.object();
            ref.put("apiVersion", owner.path("apiVersion").asText());
            ref.put("kind", owner.path("kind").asText());
            ref.put("name", owner.path("metadata").path("name").asText());
            ref.put("uid", uid);
            refs.add(ref);
        }
    }
}
