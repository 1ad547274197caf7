package dev.orc.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.validation.SchemaCatalog;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI v3 document of each group-version orc serves, as kube-apiserver serves them at
 * {@code /openapi/v3/apis/apps/v1}: {@code components.schemas} holds every kind of the group-version, marked
 * with {@code x-kubernetes-group-version-kind}, and every component those reach. Built from the JSON Schemas
 * manifests are validated with, so the two cannot disagree. {@code paths} hold each kind's collection and object
 * paths with their {@code get} operation, marked with the kind's group-version-kind, which is how
 * {@code kubectl explain} finds a resource's schema. They list no other operation: kubectl looks for PATCH
 * operations to decide whether to validate on the client and how to compute apply's patches, so without them
 * it keeps doing both as before, and orc's admission stays the one judge of a manifest.
 */
public final class OpenApiDocuments {
    private final Map<String, ObjectNode> documents;

    private OpenApiDocuments(Map<String, ObjectNode> documents) {
        this.documents = documents;
    }

    /** The documents of the schemas packaged with orc. */
    public static OpenApiDocuments standard() {
        return of(SchemaCatalog.sources());
    }

    /** The documents of schema files by file name ({@link SchemaCatalog#sources()}). */
    public static OpenApiDocuments of(Map<String, JsonNode> sources) {
        Map<String, ObjectNode> components = SchemaConverter.components(sources);
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        for (ResourceType type : ResourceTypes.all()) {
            ObjectNode document = documents.computeIfAbsent(path(type), p -> emptyDocument());
            reach(ComponentNames.kind(type), components, (ObjectNode) document.get("components").get("schemas"));
            paths(type, (ObjectNode) document.get("paths"));
        }
        documents.values().forEach(OpenApiDocuments::sortSchemas);
        return new OpenApiDocuments(Map.copyOf(documents));
    }

    /** {@code api/v1} or {@code apis/apps/v1}: where a kind's document is, under {@code /openapi/v3/}. */
    public static String path(ResourceType type) {
        return type.basePath().substring(1);
    }

    /** The document of each group-version by its {@link #path}; each a copy. */
    public Map<String, ObjectNode> byPath() {
        Map<String, ObjectNode> copies = new TreeMap<>();
        documents.forEach((path, document) -> copies.put(path, document.deepCopy()));
        return copies;
    }

    private static ObjectNode emptyDocument() {
        ObjectNode document = Json.object().put("openapi", "3.0.0");
        document.putObject("info").put("title", "orc").put("version", "v1");
        document.putObject("paths");
        document.putObject("components").putObject("schemas");
        return document;
    }

    /** Copies {@code name} and every component it points at, transitively, into {@code schemas}. */
    private static void reach(String name, Map<String, ObjectNode> components, ObjectNode schemas) {
        Deque<String> pending = new ArrayDeque<>();
        pending.push(name);
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (schemas.has(next)) {
                continue;
            }
            ObjectNode component = components.get(next);
            if (component == null) {
                throw new IllegalStateException("no component " + next);
            }
            schemas.set(next, component.deepCopy());
            component.findValuesAsText("$ref").forEach(ref -> pending.push(ref.substring(SchemaConverter.REF_PREFIX.length())));
        }
    }

    /** The collection and object paths of {@code type}, namespaced ones under {@code namespaces/{namespace}}, with their GETs. */
    private static void paths(ResourceType type, ObjectNode paths) {
        String namespace = type.namespaced() ? "{namespace}" : null;
        get(paths.putObject(type.path(namespace, null)), type, "list", null);
        get(paths.putObject(type.path(namespace, "{name}")), type, "read", ComponentNames.kind(type));
    }

    private static void get(ObjectNode path, ResourceType type, String action, String component) {
        ObjectNode get = path.putObject("get");
        get.put("description", action.equals("list") ? "list or watch objects of kind " + type.kind()
                : "read the specified " + type.kind());
        get.put("operationId", action + type.kind());
        ObjectNode ok = get.putObject("responses").putObject("200").put("description", "OK");
        if (component != null) {
            ok.putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", SchemaConverter.REF_PREFIX + component);
        }
        get.put("x-kubernetes-action", action);
        get.putObject("x-kubernetes-group-version-kind").put("group", type.group()).put("kind", type.kind())
                .put("version", type.version());
    }

    private static void sortSchemas(ObjectNode document) {
        ObjectNode schemas = (ObjectNode) document.get("components").get("schemas");
        Map<String, JsonNode> sorted = new TreeMap<>();
        schemas.fields().forEachRemaining(field -> sorted.put(field.getKey(), field.getValue()));
        schemas.removeAll();
        schemas.setAll(sorted);
    }
}
