package dev.orc.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.validation.SchemaCatalog;

import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI v2 (Swagger 2.0) document kube-apiserver serves at {@code /openapi/v2}, which older kubectl, client
 * libraries and {@code kubectl explain --output=plaintext-openapiv2} read: {@code definitions} hold the same schemas as
 * the v3 documents (kinds marked with {@code x-kubernetes-group-version-kind}), written as Swagger 2.0 writes them: a
 * reference with a description is a {@code $ref} beside the description (no {@code allOf}), int-or-string and quantity
 * are strings of their format, a list of values of any kind has an empty {@code items} (Swagger 2.0 readers want
 * one), and the lists Kubernetes merges item by item carry the strategic merge patch's key
 * ({@code x-kubernetes-patch-merge-key}), so kubectl's client-side apply computes its patches as it does against
 * Kubernetes. {@code paths} hold each kind's collection and object paths with their GETs, as the v3 documents do.
 */
public final class SwaggerDocument {
    static final String REF_PREFIX = "#/definitions/";
    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers", "name"), Map.entry("initContainers", "name"),
            Map.entry("ephemeralContainers", "name"), Map.entry("volumes", "name"), Map.entry("env", "name"),
            Map.entry("volumeMounts", "mountPath"), Map.entry("volumeDevices", "devicePath"),
            Map.entry("imagePullSecrets", "name"), Map.entry("conditions", "type"), Map.entry("ownerReferences", "uid"),
            Map.entry("hostAliases", "ip"), Map.entry("ports", "port"));

    private SwaggerDocument() {
    }

    /** The document of the schemas packaged with orc. */
    public static ObjectNode standard() {
        return of(SchemaCatalog.sources());
    }

    /** The document of schema files by file name ({@link SchemaCatalog#sources()}). */
    public static ObjectNode of(Map<String, JsonNode> sources) {
        Map<String, ObjectNode> components = SchemaConverter.components(sources);
        ObjectNode document = Json.object().put("swagger", "2.0");
        document.putObject("info").put("title", "orc").put("version", "v1");
        ObjectNode paths = document.putObject("paths");
        for (ResourceType type : ResourceTypes.all()) {
            String namespace = type.namespaced() ? "{namespace}" : null;
            get(paths.putObject(type.path(namespace, null)), type, "list", null);
            get(paths.putObject(type.path(namespace, "{name}")), type, "read", ComponentNames.kind(type));
        }
        ObjectNode definitions = document.putObject("definitions");
        new TreeMap<>(components).forEach((name, component) -> definitions.set(name, convert(component, components)));
        return document;
    }

    private static void get(ObjectNode path, ResourceType type, String action, String definition) {
        ObjectNode get = path.putObject("get");
        get.put("description", action.equals("list") ? "list or watch objects of kind " + type.kind()
                : "read the specified " + type.kind());
        get.put("operationId", action + type.kind());
        get.putArray("produces").add("application/json");
        ObjectNode ok = get.putObject("responses").putObject("200").put("description", "OK");
        if (definition != null) {
            ok.putObject("schema").put("$ref", REF_PREFIX + definition);
        }
        get.put("x-kubernetes-action", action);
        get.putObject("x-kubernetes-group-version-kind").put("group", type.group()).put("kind", type.kind())
                .put("version", type.version());
    }

    /** One v3 schema in its Swagger 2.0 form. */
    private static ObjectNode convert(JsonNode schema, Map<String, ObjectNode> components) {
        ObjectNode out = Json.object();
        JsonNode allOf = schema.path("allOf");
        if (allOf.size() == 1 && allOf.get(0).has("$ref")) {
            out.put("$ref", reference(allOf.get(0).get("$ref").asText()));
        }
        if (schema.has("oneOf")) {
            out.put("type", "string");
        }
        schema.properties().forEach(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "allOf", "oneOf", "nullable" -> {
                }
                case "$ref" -> out.put("$ref", reference(value.asText()));
                case "items", "additionalProperties" -> out.set(name, value.isObject() ? convert(value, components) : value.deepCopy());
                case "properties" -> {
                    ObjectNode properties = out.putObject("properties");
                    value.properties().forEach(property -> properties.set(property.getKey(),
                            withMergeKey(property.getKey(), convert(property.getValue(), components), components)));
                }
                default -> out.set(name, value.deepCopy());
            }
        });
        if ("array".equals(out.path("type").asText()) && !out.has("items")) {
            out.putObject("items");
        }
        return out;
    }

    private static String reference(String v3) {
        return REF_PREFIX + v3.substring(SchemaConverter.REF_PREFIX.length());
    }

    /** A list Kubernetes merges by item, marked with its item key (container ports by containerPort). */
    private static ObjectNode withMergeKey(String field, ObjectNode schema, Map<String, ObjectNode> components) {
        String key = MERGE_KEYS.get(field);
        if (key == null || !"array".equals(schema.path("type").asText())) {
            return schema;
        }
        JsonNode item = schema.path("items");
        if (item.has("$ref")) {
            item = components.getOrDefault(item.get("$ref").asText().substring(REF_PREFIX.length()), Json.object());
        }
        if (key.equals("port") && item.path("properties").has("containerPort")) {
            key = "containerPort";
        }
        if (!item.path("properties").has(key)) {
            return schema;
        }
        return schema.put("x-kubernetes-patch-merge-key", key).put("x-kubernetes-patch-strategy", "merge");
    }
}
