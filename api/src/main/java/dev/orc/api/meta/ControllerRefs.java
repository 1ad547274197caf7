package dev.orc.api.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.OwnerReference;

import java.util.Optional;

/**
 * Controller references, as Kubernetes' ControllerRefManager uses them: which controller owns an object, and
 * whether a controller should adopt it (an orphan its selector matches) or release it (its own object that no
 * longer matches).
 */
public final class ControllerRefs {
    /** What a controller does with an object its namespace holds. */
    public enum Claim { OWNED, ADOPT, RELEASE, IGNORE }

    private ControllerRefs() {
    }

    /**
     * @param meta            the object's metadata
     * @param ownerUid        the controller's uid
     * @param selectorMatches whether the controller's selector matches the object's labels
     * @param ownerDeleting   whether the controller is being deleted (it then adopts and releases nothing)
     */
    public static Claim claim(ObjectMeta meta, String ownerUid, boolean selectorMatches, boolean ownerDeleting) {
        Optional<OwnerReference> ref = meta.controllerRef();
        if (ref.isPresent()) {
            if (!ownerUid.equals(ref.get().uid())) {
                return Claim.IGNORE;
            }
            if (selectorMatches) {
                return Claim.OWNED;
            }
            return ownerDeleting ? Claim.IGNORE : Claim.RELEASE;
        }
        if (!selectorMatches || ownerDeleting || meta.deleting()) {
            return Claim.IGNORE;
        }
        return Claim.ADOPT;
    }

    /** Whether {@code meta} names the controller with {@code ownerUid} as its controller. */
    public static boolean controlledBy(ObjectMeta meta, String ownerUid) {
        return meta.controllerRef().map(ref -> ownerUid.equals(ref.uid())).orElse(false);
    }

    /** The reference a controller puts on what it creates: controller and blocking its owner's foreground deletion. */
    public static ObjectNode reference(JsonNode owner) {
        JsonNode metadata = owner.path("metadata");
        ObjectNode ref = Json.object();
        ref.put("apiVersion", owner.path("apiVersion").asText());
        ref.put("kind", owner.path("kind").asText());
        ref.put("name", metadata.path("name").asText());
        ref.put("uid", metadata.path("uid").asText());
        ref.put("controller", true);
        ref.put("blockOwnerDeletion", true);
        return ref;
    }

    /** A copy of {@code object} with {@code owner} added as its controller. */
    public static ObjectNode adopted(ObjectNode object, JsonNode owner) {
        ObjectNode copy = object.deepCopy();
        copy.withObjectProperty("metadata").withArrayProperty("ownerReferences").add(reference(owner));
        return copy;
    }

    /** A copy of {@code object} without any reference to the owner with {@code ownerUid}. */
    public static ObjectNode released(ObjectNode object, String ownerUid) {
        ObjectNode copy = object.deepCopy();
        JsonNode refs = copy.path("metadata").path("ownerReferences");
        if (refs instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (ownerUid.equals(array.get(i).path("uid").asText())) {
                    array.remove(i);
                }
            }
            if (array.isEmpty()) {
                ((ObjectNode) copy.get("metadata")).remove("ownerReferences");
            }
        }
        return copy;
    }
}
