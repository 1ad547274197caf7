package dev.orc.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.validation.SchemaCatalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns orc's JSON Schemas (draft 2020-12, the ones manifests are validated with) into OpenAPI v3 component
 * schemas as kube-apiserver publishes them: a definition with fields becomes a component that others point at
 * with {@code $ref} ({@code allOf} when the field adds a description); a scalar definition is written inline;
 * int-or-string and quantity become Kubernetes' own components; {@code const} becomes a one-value {@code enum};
 * an object whose fields are not described keeps unknown fields ({@code x-kubernetes-preserve-unknown-fields});
 * a field orc accepts but ignores says so in its description. Rules that only narrow a referenced definition
 * (a Deployment's pod template's restartPolicy) and error messages stay with validation.
 */
final class SchemaConverter {
    static final String REF_PREFIX = "#/components/schemas/";
    static final String IGNORED_NOTE = "Accepted but ignored by orc.";
    private static final String DEFS_PREFIX = "#/$defs/";
    private static final String GVK = "x-kubernetes-group-version-kind";
    private static final Map<String, String> STANDARD_FIELDS = standardFields();
    private static final List<String> COPIED = List.of("format", "minimum", "maximum", "minLength", "maxLength",
            "minItems", "enum", "required");

    private final Map<String, JsonNode> sources;
    private final Map<String, String> filePackages = new HashMap<>();
    private final Set<DefinitionKey> named = new HashSet<>();
    private final Map<DefinitionKey, String> names = new HashMap<>();
    private final Map<String, DefinitionKey> owners = new HashMap<>();
    private final Map<String, ObjectNode> components = new LinkedHashMap<>();

    private SchemaConverter(Map<String, JsonNode> sources) {
        this.sources = Map.copyOf(sources);
    }

    /** Every kind's component and every component they reach, by name, from the schema files by file name. */
    static Map<String, ObjectNode> components(Map<String, JsonNode> sources) {
        SchemaConverter converter = new SchemaConverter(sources);
        for (ResourceType type : ResourceTypes.all()) {
            converter.filePackages.put(SchemaCatalog.fileName(type), ComponentNames.packageOf(type.group(), type.version()));
        }
        for (ResourceType type : ResourceTypes.all()) {
            String file = SchemaCatalog.fileName(type);
            converter.name(converter.document(file), file, converter.filePackages.get(file));
        }
        for (ResourceType type : ResourceTypes.all()) {
            converter.kind(type);
        }
        return converter.components;
    }

    private JsonNode document(String file) {
        JsonNode document = sources.get(file);
        if (document == null) {
            throw new IllegalStateException("no schema file " + file);
        }
        return document;
    }

    /** Names every definition {@code schema} reaches that becomes a component, in the package of the first kind reaching it. */
    private void name(JsonNode schema, String file, String pkg) {
        if (schema.isArray()) {
            schema.forEach(element -> name(element, file, pkg));
            return;
        }
        if (!schema.isObject()) {
            return;
        }
        if (schema.path("$ref").isTextual()) {
            DefinitionKey key = resolve(schema.get("$ref").asText(), file);
            String defined = filePackages.getOrDefault(key.file(), pkg);
            JsonNode definition = definition(key);
            if (named.add(key)) {
                if (definition.has("properties")) {
                    String component = ComponentNames.definition(defined, key.name());
                    DefinitionKey earlier = owners.putIfAbsent(component, key);
                    if (earlier != null) {
                        throw new IllegalStateException("component " + component + " would name both " + earlier + " and " + key);
                    }
                    names.put(key, component);
                }
                name(definition, key.file(), defined);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals("$defs")) {
                name(field.getValue(), file, pkg);
            }
        }
    }

    private void kind(ResourceType type) {
        String file = SchemaCatalog.fileName(type);
        JsonNode root = document(file);
        ObjectNode schema = convert(root, file);
        if (!schema.has("description") && root.path("title").isTextual()) {
            schema.put("description", root.get("title").asText());
        }
        if (schema.path("properties") instanceof ObjectNode properties) {
            STANDARD_FIELDS.forEach((field, description) -> {
                if (properties.get(field) instanceof ObjectNode property && !property.has("description")) {
                    properties.set(field, described(property, description));
                }
            });
        }
        schema.putArray(GVK).addObject().put("group", type.group()).put("kind", type.kind()).put("version", type.version());
        components.put(ComponentNames.kind(type), schema);
    }

    /** {@code schema} with a description; a bare {@code $ref} is wrapped in {@code allOf}, as siblings of a reference are ignored. */
    private static ObjectNode described(ObjectNode schema, String description) {
        if (!schema.has("$ref")) {
            return schema.put("description", description);
        }
        ObjectNode wrapped = Json.object();
        wrapped.putArray("allOf").add(schema);
        return wrapped.put("description", description);
    }

    /** The OpenAPI form of one schema of {@code file}. */
    private ObjectNode convert(JsonNode schema, String file) {
        Optional<String> reference = componentOf(schema, file);
        if (reference.isPresent()) {
            ObjectNode ref = Json.object().put("$ref", REF_PREFIX + reference.get());
            return description(schema).map(text -> described(ref, text)).orElse(ref);
        }
        ObjectNode out = Json.object();
        if (schema.path("$ref").isTextual()) {
            DefinitionKey key = resolve(schema.get("$ref").asText(), file);
            out.setAll(convert(definition(key), key.file()));
        } else {
            structure(schema, file, out);
        }
        description(schema).ifPresent(text -> out.put("description", text));
        return out;
    }

    private void structure(JsonNode schema, String file, ObjectNode out) {
        if (schema.path("type").isTextual()) {
            out.put("type", schema.get("type").asText());
        }
        for (String keyword : COPIED) {
            if (schema.has(keyword)) {
                out.set(keyword, schema.get(keyword).deepCopy());
            }
        }
        if (schema.has("const")) {
            out.putArray("enum").add(schema.get("const").deepCopy());
        }
        if (!out.has("type") && out.path("enum").path(0).isTextual()) {
            out.put("type", "string");
        }
        if (schema.has("properties")) {
            out.put("type", "object");
            ObjectNode properties = out.putObject("properties");
            schema.get("properties").fields().forEachRemaining(
                    field -> properties.set(field.getKey(), convert(field.getValue(), file)));
        }
        if (schema.has("items")) {
            out.set("items", convert(schema.get("items"), file));
        }
        JsonNode additional = schema.path("additionalProperties");
        if (additional.isObject()) {
            out.set("additionalProperties", convert(additional, file));
        }
        if ("object".equals(out.path("type").asText()) && !out.has("properties") && !out.has("additionalProperties")) {
            out.put("x-kubernetes-preserve-unknown-fields", true);
        }
    }

    /** The component {@code schema} stands for: a named definition, or Kubernetes' int-or-string and quantity. */
    private Optional<String> componentOf(JsonNode schema, String file) {
        if (schema.path("$ref").isTextual()) {
            DefinitionKey key = resolve(schema.get("$ref").asText(), file);
            String name = names.get(key);
            if (name != null) {
                if (!components.containsKey(name)) {
                    components.put(name, Json.object());
                    components.put(name, convertDefinition(key));
                }
                return Optional.of(name);
            }
            return scalarComponent(definition(key));
        }
        return scalarComponent(schema);
    }

    /** A definition's component; a definition reaching itself finds its name already taken, so this ends. */
    private ObjectNode convertDefinition(DefinitionKey key) {
        ObjectNode converted = Json.object();
        structure(definition(key), key.file(), converted);
        description(definition(key)).ifPresent(text -> converted.put("description", text));
        return converted;
    }

    private Optional<String> scalarComponent(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (!type.isArray()) {
            return Optional.empty();
        }
        List<String> types = new ArrayList<>();
        type.forEach(element -> types.add(element.asText()));
        if (types.size() == 2 && types.containsAll(List.of("integer", "string"))) {
            components.computeIfAbsent(ComponentNames.INT_OR_STRING, n -> oneOf(List.of("integer", "string"))
                    .put("format", "int-or-string").put("description",
                            "A value that is either an integer or a string, such as a port number or name, or a count or a percentage."));
            return Optional.of(ComponentNames.INT_OR_STRING);
        }
        if (types.size() == 2 && types.containsAll(List.of("string", "number"))) {
            components.computeIfAbsent(ComponentNames.QUANTITY, n -> oneOf(List.of("string", "number")).put("description",
                    "A fixed-point amount, such as 250m or 0.5 (CPU) and 64Mi or 1Gi (memory): a number with an optional suffix "
                            + "(m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei) or exponent."));
            return Optional.of(ComponentNames.QUANTITY);
        }
        throw new IllegalStateException("no OpenAPI type for a schema of types " + types);
    }

    /** A value of one of {@code types}, written as Kubernetes writes its own: no type of its own, a {@code oneOf}. */
    private static ObjectNode oneOf(List<String> types) {
        ObjectNode schema = Json.object();
        types.forEach(type -> schema.withArrayProperty("oneOf").addObject().put("type", type));
        return schema;
    }

    private static Optional<String> description(JsonNode schema) {
        String own = schema.path("description").asText("");
        if (!schema.path("x-orc-ignored").asBoolean(false)) {
            return own.isEmpty() ? Optional.empty() : Optional.of(own);
        }
        return Optional.of(own.isEmpty() ? IGNORED_NOTE : own + " " + IGNORED_NOTE);
    }

    private DefinitionKey resolve(String ref, String file) {
        int hash = ref.indexOf('#');
        String target = hash <= 0 ? file : ref.substring(0, hash);
        String fragment = hash < 0 ? "" : ref.substring(hash);
        if (!fragment.startsWith(DEFS_PREFIX) || fragment.indexOf('/', DEFS_PREFIX.length()) >= 0) {
            throw new IllegalStateException(file + ": $ref " + ref + " does not name a definition (#/$defs/NAME)");
        }
        return new DefinitionKey(target, fragment.substring(DEFS_PREFIX.length()));
    }

    private JsonNode definition(DefinitionKey key) {
        JsonNode definition = document(key.file()).path("$defs").path(key.name());
        if (!definition.isObject()) {
            throw new IllegalStateException(key.file() + " has no definition " + key.name());
        }
        return definition;
    }

    private static Map<String, String> standardFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("apiVersion", "The versioned schema of this object: its group and version, such as v1 or apps/v1.");
        fields.put("kind", "The kind of this object, in CamelCase, such as Pod or Deployment.");
        fields.put("metadata", "The object's metadata: its name, namespace, labels and annotations, and what the server records about it.");
        fields.put("spec", "The desired state of the object.");
        fields.put("status", "The observed state of the object, written by orc's controllers and nodes.");
        return Map.copyOf(fields);
    }

    private record DefinitionKey(String file, String name) {
        @Override
        public String toString() {
            return file + DEFS_PREFIX + name;
        }
    }
}
