package dev.orc.reconciler.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.json.Json;

import java.time.Instant;
import java.util.UUID;

/**
 * What the server decides about an object on its way in, independent of how it is stored: the
 * metadata it owns (uid, creationTimestamp, generation), which part a write may change (the main
 * resource or the status subresource) and when the generation moves.
 */
final class WriteRules {
    private static final String[] SERVER_OWNED = {"uid", "creationTimestamp", "deletionTimestamp",
            "deletionGracePeriodSeconds", "generation", "resourceVersion", "name", "namespace"};

    private WriteRules() {
    }

    static boolean hasStatus(ResourceType type) {
        return type.subresources().contains("status");
    }

    /** Server-owned metadata and initial status of a new object. */
    static void prepareCreate(ResourceType type, ObjectNode object, Instant now) {
        ObjectNode meta = Meta.metadata(object);
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", Meta.timestamp(now));
        meta.put("generation", 1);
        meta.remove("resourceVersion");
        meta.remove("deletionTimestamp");
        meta.remove("deletionGracePeriodSeconds");
        if (type == ResourceTypes.POD) {
            object.set("status", Json.object().put("phase", "Pending"));
        } else if (type == ResourceTypes.NAMESPACE) {
            object.set("status", Json.object().put("phase", "Active"));
        } else if (hasStatus(type) && type != ResourceTypes.NODE) {
            object.remove("status");
        }
    }

    /**
     * The object to store for an update of the main resource: the incoming object, with the metadata the
     * server owns and (for kinds with a status subresource) the status taken from the stored object.
     */
    static ObjectNode mainUpdate(ResourceType type, ObjectNode existing, ObjectNode incoming) {
        ObjectNode result = incoming.deepCopy();
        ObjectNode meta = Meta.metadata(result);
        ObjectNode old = Meta.metadata(existing);
        for (String field : SERVER_OWNED) {
            if (old.has(field)) {
                meta.set(field, old.get(field).deepCopy());
            } else {
                meta.remove(field);
            }
        }
        if (hasStatus(type)) {
            copyField(existing, result, "status");
        }
        return result;
    }

    /** The object to store for a write to the status subresource: the stored object with the new status. */
    static ObjectNode statusUpdate(ObjectNode existing, ObjectNode incoming) {
        ObjectNode result = existing.deepCopy();
        copyField(incoming, result, "status");
        return result;
    }

    /** Bumps {@code metadata.generation} when the desired state (spec, or the data of kinds without one) changed. */
    static void updateGeneration(ObjectNode existing, ObjectNode updated) {
        JsonNode generation = Meta.metadata(existing).get("generation");
        if (!desiredState(existing).equals(desiredState(updated))) {
            Meta.metadata(updated).put("generation", (generation == null ? 1 : generation.asLong()) + 1);
        } else if (generation != null) {
            Meta.metadata(updated).set("generation", generation.deepCopy());
        }
    }

    private static ObjectNode desiredState(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove("metadata");
        copy.remove("status");
        copy.remove("apiVersion");
        copy.remove("kind");
        return copy;
    }

    private static void copyField(ObjectNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value == null || value.isNull()) {
            to.remove(field);
        } else {
            to.set(field, value.deepCopy());
        }
    }
}
