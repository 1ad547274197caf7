package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A manager's move from writes that are not applies to server-side apply, made on {@code metadata.managedFields} as
 * Flux makes it before its first apply: the fields the manager's {@code Update} entries of the object itself own
 * (entries of a subresource are left) join the manager's {@code Apply} entry, and those Update entries go. Without
 * this, a field the manager once wrote by a patch stays owned by its Update entry, so an apply that leaves the field
 * out does not remove it. When the manager has no Apply entry yet, its first Update entry becomes it (same place,
 * API version and time). Every other manager's entries are kept as they are, in their order.
 */
final class ApplyOwnershipUpgrade {
    private static final String APPLY = "Apply";
    private static final String UPDATE = "Update";

    private ApplyOwnershipUpgrade() {
    }

    /** The rewritten list, or empty when {@code manager} has no Update entry of the object itself (nothing to do). */
    static Optional<ArrayNode> rewrite(JsonNode managedFields, String manager) {
        if (managedFields == null || !managedFields.isArray()) {
            return Optional.empty();
        }
        List<JsonNode> entries = new ArrayList<>();
        managedFields.forEach(entries::add);
        List<JsonNode> updates = entries.stream().filter(entry -> isOf(entry, manager, UPDATE)).toList();
        if (updates.isEmpty()) {
            return Optional.empty();
        }
        JsonNode target = entries.stream().filter(entry -> isOf(entry, manager, APPLY)).findFirst()
                .orElse(updates.getFirst());
        ObjectNode fields = Json.object();
        union(fields, target.path("fieldsV1"));
        updates.forEach(update -> union(fields, update.path("fieldsV1")));
        ArrayNode rewritten = Json.mapper().createArrayNode();
        for (JsonNode entry : entries) {
            if (entry == target) {
                ObjectNode apply = (ObjectNode) entry.deepCopy();
                apply.put("operation", APPLY).put("fieldsType", "FieldsV1").set("fieldsV1", fields);
                rewritten.add(apply);
            } else if (!isOf(entry, manager, UPDATE)) {
                rewritten.add(entry.deepCopy());
            }
        }
        return Optional.of(rewritten);
    }

    private static boolean isOf(JsonNode entry, String manager, String operation) {
        return manager.equals(entry.path("manager").asText()) && operation.equals(entry.path("operation").asText())
                && entry.path("subresource").asText().isEmpty();
    }

    /** Adds the FieldsV1 tree {@code more} to {@code into}: a field either owns, with the children both own. */
    private static void union(ObjectNode into, JsonNode more) {
        for (Map.Entry<String, JsonNode> field : more.properties()) {
            JsonNode existing = into.get(field.getKey());
            if (existing instanceof ObjectNode children && field.getValue().isObject()) {
                union(children, field.getValue());
            } else {
                into.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }
}
