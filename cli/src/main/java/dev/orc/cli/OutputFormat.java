package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.cli.output.JsonPath;
import dev.orc.cli.output.Yaml;
import picocli.CommandLine;

import java.util.List;

/**
 * What {@code -o} asks for: a table ({@code wide} or not), {@code yaml}, {@code json}, {@code name} or a jsonpath
 * template; YAML and JSON leave out {@code metadata.managedFields} unless {@code showManagedFields}, as kubectl does.
 */
record OutputFormat(Kind kind, JsonPath template, boolean showManagedFields) {
    enum Kind { TABLE, WIDE, YAML, JSON, NAME, JSONPATH }

    static OutputFormat parse(CommandLine cmd, String text) {
        if (text == null || text.isEmpty()) {
            return new OutputFormat(Kind.TABLE, null, false);
        }
        if (text.startsWith("jsonpath=")) {
            String template = text.substring("jsonpath=".length());
            if (template.length() >= 2 && (template.startsWith("'") && template.endsWith("'"))) {
                template = template.substring(1, template.length() - 1);
            }
            try {
                return new OutputFormat(Kind.JSONPATH, JsonPath.parse(template), false);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cmd, e.getMessage());
            }
        }
        return switch (text) {
            case "wide" -> new OutputFormat(Kind.WIDE, null, false);
            case "yaml" -> new OutputFormat(Kind.YAML, null, false);
            case "json" -> new OutputFormat(Kind.JSON, null, false);
            case "name" -> new OutputFormat(Kind.NAME, null, false);
            default -> throw new CommandLine.ParameterException(cmd, "unknown output format \"" + text
                    + "\": use wide, yaml, json, name or jsonpath=TEMPLATE");
        };
    }

    OutputFormat withManagedFields(boolean value) {
        return new OutputFormat(kind, template, value);
    }

    boolean isTable() {
        return kind == Kind.TABLE || kind == Kind.WIDE;
    }

    /** The text of one object ({@code -o name} is {@code deployment.apps/web}), ending in a newline. */
    String render(ResourceType type, JsonNode object) {
        return switch (kind) {
            case NAME -> type.qualifiedName() + "/" + object.path("metadata").path("name").asText() + "\n";
            case YAML -> Yaml.write(shown(object));
            case JSON -> Json.pretty(shown(object)) + "\n";
            case JSONPATH -> template.render(object);
            case TABLE, WIDE -> throw new IllegalStateException("tables are rendered by rows");
        };
    }

    /** The object, or each item of a list, without {@code metadata.managedFields} unless they are to be shown. */
    private JsonNode shown(JsonNode object) {
        boolean list = object.path("items").isArray();
        if (showManagedFields || !(list || object.path("metadata").has("managedFields"))) {
            return object;
        }
        ObjectNode copy = (ObjectNode) object.deepCopy();
        (list ? copy.get("items") : List.of((JsonNode) copy)).forEach(item -> {
            if (item.get("metadata") instanceof ObjectNode metadata) {
                metadata.remove("managedFields");
            }
        });
        return copy;
    }

    /** A {@code v1 List} of objects, as kubectl prints several objects in one document. */
    static ObjectNode list(List<? extends JsonNode> items) {
        ObjectNode list = Json.object().put("apiVersion", "v1");
        ArrayNode array = list.putArray("items");
        items.forEach(array::add);
        list.put("kind", "List");
        list.putObject("metadata").put("resourceVersion", "");
        return list;
    }

    /** List items lack apiVersion and kind; printed on their own they carry them, first, as kubectl prints them. */
    static ObjectNode withTypeMeta(ResourceType type, JsonNode item) {
        ObjectNode object = Json.object().put("apiVersion", type.apiVersion()).put("kind", type.kind());
        item.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("apiVersion") && !field.getKey().equals("kind")) {
                object.set(field.getKey(), field.getValue());
            }
        });
        return object;
    }
}
