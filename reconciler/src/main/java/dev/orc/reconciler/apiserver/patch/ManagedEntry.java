package dev.orc.reconciler.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One entry of {@code metadata.managedFields}: a manager, the operation it wrote with ({@code Apply} or
 * {@code Update}), the API version and subresource it wrote through, when, and the fields it owns (FieldsV1).
 * {@code entry} is the stored entry, rendered as it was apart from its fields.
 */
record ManagedEntry(ObjectNode entry, FieldSet fields) {
    static final String APPLY = "Apply";
    static final String UPDATE = "Update";
    private static final Set<String> OPERATIONS = Set.of(APPLY, UPDATE);

    /** A new entry owning {@code fields}, written at {@code now}. */
    static ManagedEntry of(String manager, String operation, String apiVersion, String subresource, Instant now,
                           FieldSet fields) {
        ObjectNode entry = Json.object().put("manager", manager).put("operation", operation).put("apiVersion", apiVersion)
                .put("time", now.truncatedTo(ChronoUnit.SECONDS).toString());
        if (subresource != null) {
            entry.put("subresource", subresource);
        }
        return new ManagedEntry(entry, fields);
    }

    /** The entries of a {@code managedFields} list; empty when it is absent or any entry is not one (as Kubernetes reads them). */
    static List<ManagedEntry> read(JsonNode managedFields) {
        List<ManagedEntry> entries = new ArrayList<>();
        if (managedFields == null || !managedFields.isArray()) {
            return entries;
        }
        for (JsonNode entry : managedFields) {
            if (!(entry instanceof ObjectNode object) || !entry.path("fieldsV1").isObject()
                    || !OPERATIONS.contains(entry.path("operation").asText())
                    || !entry.path("fieldsType").asText("FieldsV1").equals("FieldsV1")) {
                return new ArrayList<>();
            }
            entries.add(new ManagedEntry(object, FieldSet.fromFieldsV1(entry.get("fieldsV1"))));
        }
        return entries;
    }

    String manager() {
        return entry.path("manager").asText();
    }

    String operation() {
        return entry.path("operation").asText();
    }

    String apiVersion() {
        return entry.path("apiVersion").asText();
    }

    /** The subresource it wrote through ({@code status}, {@code scale}); empty for the object itself. */
    String subresource() {
        return entry.path("subresource").asText();
    }

    boolean isApplyOf(String name) {
        return manager().equals(name) && operation().equals(APPLY);
    }

    /** Whether this is the entry of {@code name}'s updates through {@code apiVersion} and {@code subresource} (null: none). */
    boolean isUpdateOf(String name, String version, String through) {
        return manager().equals(name) && operation().equals(UPDATE) && apiVersion().equals(version)
                && subresource().equals(through == null ? "" : through);
    }

    ManagedEntry withFields(FieldSet owned) {
        return new ManagedEntry(entry, owned);
    }

    ObjectNode render() {
        ObjectNode rendered = entry.deepCopy();
        rendered.put("fieldsType", "FieldsV1");
        rendered.set("fieldsV1", fields.toFieldsV1());
        return rendered;
    }

    /** The manager as a conflict names it: {@code "kubectl" with subresource "scale" using apps/v1}. */
    String describe() {
        String text = '"' + manager() + '"';
        if (!subresource().isEmpty()) {
            text += " with subresource \"" + subresource() + '"';
        }
        return operation().equals(UPDATE) ? text + " using " + apiVersion() : text;
    }
}
