package dev.orc.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.meta.ResourceType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code orc explain} prints of a kind or of a field in it, read from the OpenAPI v3 document of the kind's
 * group-version ({@link OpenApiDocuments}), in the shape of {@code kubectl explain}: group, kind, version, the
 * field and its type, its description, then its fields with theirs, or, recursively, the names and types of
 * every field below it.
 */
public final class Explanation {
    private static final int WIDTH = 80;
    private static final int MAX_DEPTH = 32;

    private final JsonNode schemas;
    private final ResourceType type;

    private Explanation(JsonNode document, ResourceType type) {
        this.schemas = document.path("components").path("schemas");
        this.type = type;
    }

    /**
     * The explanation of {@code fieldPath} ({@code ["spec", "strategy"]}, empty for the kind itself) of
     * {@code type} in {@code document}.
     *
     * @throws IllegalArgumentException naming the path when a field does not exist, or when the document has no
     *                                  schema of the kind
     */
    public static String of(JsonNode document, ResourceType type, List<String> fieldPath, boolean recursive) {
        return new Explanation(document, type).render(fieldPath, recursive);
    }

    private String render(List<String> fieldPath, boolean recursive) {
        JsonNode field = kindSchema();
        boolean required = false;
        for (int i = 0; i < fieldPath.size(); i++) {
            JsonNode parent = resolve(field);
            JsonNode next = parent.path("properties").get(fieldPath.get(i));
            if (next == null) {
                throw new IllegalArgumentException("field \"" + String.join(".", fieldPath.subList(0, i + 1))
                        + "\" does not exist in " + type.kind() + " (" + type.apiVersion() + ")");
            }
            required = contains(parent.path("required"), fieldPath.get(i));
            field = next;
        }
        StringBuilder out = new StringBuilder();
        if (!type.group().isEmpty()) {
            out.append("GROUP:      ").append(type.group()).append('\n');
        }
        out.append("KIND:       ").append(type.kind()).append('\n');
        out.append("VERSION:    ").append(type.version()).append("\n\n");
        if (!fieldPath.isEmpty()) {
            out.append("FIELD: ").append(fieldPath.getLast()).append(" <").append(typeName(field)).append('>')
                    .append(required ? " -required-" : "").append("\n\n");
        }
        out.append("DESCRIPTION:\n");
        String description = description(field);
        wrap(out, description.isEmpty() ? "<empty>" : description, 4);
        out.append('\n');
        JsonNode resolved = resolve(field);
        if (resolved.path("properties").isObject()) {
            out.append("FIELDS:\n");
            if (recursive) {
                fieldsRecursive(out, resolved, 1, new HashSet<>());
            } else {
                fields(out, resolved);
            }
        }
        return out.toString();
    }

    private JsonNode kindSchema() {
        for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
            JsonNode schema = it.next().getValue();
            for (JsonNode gvk : schema.path("x-kubernetes-group-version-kind")) {
                if (gvk.path("group").asText().equals(type.group()) && gvk.path("version").asText().equals(type.version())
                        && gvk.path("kind").asText().equals(type.kind())) {
                    return schema;
                }
            }
        }
        throw new IllegalArgumentException("the server's OpenAPI document of " + type.apiVersion() + " has no schema of "
                + type.kind());
    }

    private void fields(StringBuilder out, JsonNode object) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fieldLine(out, field.getKey(), field.getValue(), contains(object.path("required"), field.getKey()), 1);
            JsonNode values = resolveReference(field.getValue()).path("enum");
            if (values.isArray() && !values.isEmpty()) {
                List<String> texts = new ArrayList<>();
                values.forEach(value -> texts.add(value.asText()));
                out.append("  enum: ").append(String.join(", ", texts)).append('\n');
            }
            String description = description(field.getValue());
            if (!description.isEmpty()) {
                wrap(out, description, 4);
            }
            out.append('\n');
        }
    }

    private void fieldsRecursive(StringBuilder out, JsonNode object, int depth, Set<String> onPath) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fieldLine(out, field.getKey(), field.getValue(), contains(object.path("required"), field.getKey()), depth);
            String component = componentName(field.getValue());
            JsonNode inner = resolve(field.getValue());
            if (inner.path("properties").isObject() && depth < MAX_DEPTH
                    && (component.isEmpty() || !onPath.contains(component))) {
                onPath.add(component);
                fieldsRecursive(out, inner, depth + 1, onPath);
                onPath.remove(component);
            }
        }
    }

    private static void fieldLine(StringBuilder out, String name, JsonNode schema, boolean required, int depth) {
        out.append("  ".repeat(depth)).append(name).append("\t<").append(typeName(schema)).append('>')
                .append(required ? " -required-" : "").append('\n');
    }

    /** {@code DeploymentStrategy}, {@code []Container}, {@code map[string]string}, {@code string}, {@code Object}. */
    private static String typeName(JsonNode schema) {
        String reference = reference(schema);
        if (!reference.isEmpty()) {
            return ComponentNames.shortName(reference);
        }
        String type = schema.path("type").asText("");
        if (type.equals("array")) {
            return "[]" + typeName(schema.path("items"));
        }
        if (type.equals("object") && schema.path("additionalProperties").isObject()) {
            return "map[string]" + typeName(schema.path("additionalProperties"));
        }
        return type.isEmpty() || type.equals("object") ? "Object" : type;
    }

    /** The field's own description, then that of the component it refers to. */
    private String description(JsonNode schema) {
        List<String> parts = new ArrayList<>();
        String own = schema.path("description").asText("");
        if (!own.isEmpty()) {
            parts.add(own);
        }
        JsonNode referenced = resolveReference(schema);
        String inner = referenced == schema ? "" : referenced.path("description").asText("");
        if (!inner.isEmpty() && !inner.equals(own)) {
            parts.add(inner);
        }
        return parts.stream().collect(Collectors.joining("\n"));
    }

    /** The schema whose fields a field has: references followed, through arrays' items and maps' values. */
    private JsonNode resolve(JsonNode schema) {
        JsonNode current = resolveReference(schema);
        for (int i = 0; i < MAX_DEPTH; i++) {
            if (current.path("type").asText().equals("array")) {
                current = resolveReference(current.path("items"));
            } else if (current.path("additionalProperties").isObject() && !current.has("properties")) {
                current = resolveReference(current.path("additionalProperties"));
            } else {
                return current;
            }
        }
        return current;
    }

    private JsonNode resolveReference(JsonNode schema) {
        String reference = reference(schema);
        return reference.isEmpty() ? schema : schemas.path(reference);
    }

    private String componentName(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < MAX_DEPTH && reference(current).isEmpty(); i++) {
            if (current.has("items")) {
                current = current.get("items");
            } else if (current.path("additionalProperties").isObject()) {
                current = current.get("additionalProperties");
            } else {
                return "";
            }
        }
        return reference(current);
    }

    /** The component a {@code $ref}, or an {@code allOf} of one, names; empty for an inline schema. */
    private static String reference(JsonNode schema) {
        JsonNode ref = schema.has("$ref") ? schema.get("$ref") : schema.path("allOf").path(0).path("$ref");
        String text = ref.asText("");
        return text.startsWith(SchemaConverter.REF_PREFIX) ? text.substring(SchemaConverter.REF_PREFIX.length()) : "";
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (element.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static void wrap(StringBuilder out, String text, int indent) {
        String margin = " ".repeat(indent);
        for (String paragraph : text.split("\n")) {
            StringBuilder line = new StringBuilder(margin);
            for (String word : paragraph.split(" +")) {
                if (line.length() > indent && line.length() + 1 + word.length() > WIDTH) {
                    out.append(line).append('\n');
                    line = new StringBuilder(margin);
                }
                if (line.length() > indent) {
                    line.append(' ');
                }
                line.append(word);
            }
            out.append(line).append('\n');
        }
    }
}
