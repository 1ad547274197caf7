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

/** What {@code -o} asks for: a table ({@code wide} or not), {@code yaml}, {@code json}, {@code name} or a jsonpath template. */
record OutputFormat(Kind kind, JsonPath template) {
    enum Kind { TABLE, WIDE, YAML, JSON, NAME, JSONPATH }

    static OutputFormat parse(CommandLine cmd, String text) {
        if (text == null || text.isEmpty()) {
            return new OutputFormat(Kind.TABLE, null);
        }
        if (text.startsWith("jsonpath=")) {
            String template = text.substring("jsonpath=".length());
            if (template.length() >= 2 && (template.startsWith("'") && template.endsWith("'"))) {
                template = template.substring(1, template.length() - 1);
            }
            try {
                return new OutputFormat(Kind.JSONPATH, JsonPath.parse(template));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cmd, e.getMessage());
            }
        }
        return switch (text) {
            case "wide" -> new OutputFormat(Kind.WIDE, null);
            case "yaml" -> new OutputFormat(Kind.YAML, null);
            case "json" -> new OutputFormat(Kind.JSON, null);
            case "name" -> new OutputFormat(Kind.NAME, null);
            default -> throw new CommandLine.ParameterException(cmd, "unknown output format \"" + text
                    + "\": use wide, yaml, json, name or jsonpath=TEMPLATE");
        };
    }

    boolean isTable() {
        return kind == Kind.TABLE || kind == Kind.WIDE;
    }

    /** The text of one object ({@code -o name} is {@code deployment.apps/web}), ending in a newline. */
    String render(ResourceType type, JsonNode object) {
        return switch (kind) {
            case NAME -> type.qualifiedName() + "/" + object.path("metadata").path("name").asText() + "\n";
            case YAML -> Yaml.write(object);
            case JSON -> Json.pretty(object) + "\n";
            case JSONPATH -> template.render(object);
            case TABLE, WIDE -> throw new IllegalStateException("tables are rendered by rows");
        };
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
