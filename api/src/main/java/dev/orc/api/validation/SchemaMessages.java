package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Turns the schema validator's findings into orc's {@link Problem}s: Kubernetes field paths and messages in
 * orc's words, with the schema itself consulted for the allowed names, ranges and explanations.
 */
final class SchemaMessages {
    private final SchemaCatalog catalog;

    SchemaMessages(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    /** The problem an error makes; with {@code hideValue} the value is never quoted (a Secret's, say). */
    Problem translate(Error error, boolean hideValue) {
        String path = FieldPath.of(error.getInstanceLocation());
        JsonNode value = error.getInstanceNode();
        if (hideValue) {
            return translateHidden(error, path, value);
        }
        Optional<JsonNode> owner = catalog.keywordOwner(error.getSchemaLocation());
        return switch (error.getKeyword()) {
            case IgnoredFieldKeyword.NAME -> Problem.warning(path, "ignored by orc");
            case "additionalProperties" -> unknownField(error, owner);
            case "required" -> Problem.error(path, "required field missing: \"" + argument(error, 0) + "\"");
            case "type" -> Problem.error(path, "expected " + expectedTypes(owner) + ", got " + Values.describe(value));
            case "not" -> Problem.error(path, "unsupported value " + Values.literal(value) + ": "
                    + explanation(owner).orElse("this value is not allowed here"));
            case "enum" -> Problem.error(path, "unsupported value " + Values.literal(value) + ": "
                    + explanation(owner).orElseGet(() -> "must be one of " + allowedValues(owner)));
            case "const" -> Problem.error(path, "unsupported value " + Values.literal(value) + ": must be "
                    + owner.map(o -> Values.literal(o.get("const"))).orElse("another value"));
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" ->
                    Problem.error(path, range(owner) + ", got " + Values.literal(value));
            case "pattern" -> Problem.error(path, "invalid value " + Values.literal(value) + ": "
                    + explanation(owner).orElse("does not have the expected format"));
            case "propertyNames" -> invalidKey(error, path);
            case "minLength" -> Problem.error(path, "must not be empty");
            case "minItems" -> Problem.error(path, minItems(owner));
            default -> Problem.error(path, error.getMessage());
        };
    }

    private Problem translateHidden(Error error, String path, JsonNode value) {
        Optional<JsonNode> owner = catalog.keywordOwner(error.getSchemaLocation());
        return switch (error.getKeyword()) {
            case "type" -> Problem.error(path, "expected " + expectedTypes(owner) + ", got " + Values.kind(value));
            case "pattern" -> Problem.error(path, "invalid value: "
                    + explanation(owner).orElse("does not have the expected format"));
            case "propertyNames" -> invalidKey(error, path);
            case "minLength" -> Problem.error(path, "must not be empty");
            default -> Problem.error(path, "invalid value");
        };
    }

    private Problem unknownField(Error error, Optional<JsonNode> owner) {
        String field = error.getProperty() != null ? error.getProperty() : argument(error, 0);
        String objectPath = FieldPath.of(error.getInstanceLocation());
        String path = objectPath.endsWith(field) ? objectPath : FieldPath.child(objectPath, field);
        List<String> known = owner.map(o -> fieldNames(o.path("properties"))).orElse(List.of());
        String hint = Suggestions.closest(field, known).map(s -> " (did you mean \"" + s + "\"?)").orElse("");
        return Problem.error(path, "unknown field \"" + field + "\"" + hint);
    }

    /** A map key that fails {@code propertyNames}: reported on the map, explained by the key's schema. */
    private Problem invalidKey(Error error, String mapPath) {
        String key = error.getProperty() != null ? error.getProperty() : argument(error, 0);
        Optional<JsonNode> keySchema = catalog.keywordOwner(error.getSchemaLocation())
                .map(o -> o.path("propertyNames"))
                .flatMap(names -> names.has("$ref")
                        ? catalog.node(error.getSchemaLocation().resolve(names.get("$ref").asText()))
                        : Optional.of(names));
        return Problem.error(mapPath, "invalid key " + Values.quote(key) + ": "
                + explanation(keySchema).orElse("does not have the expected format"));
    }

    private static List<String> fieldNames(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Optional<String> explanation(Optional<JsonNode> owner) {
        return owner.map(o -> o.get(SchemaCatalog.MESSAGE_KEYWORD)).map(JsonNode::asText);
    }

    private static String expectedTypes(Optional<JsonNode> owner) {
        JsonNode type = owner.map(o -> o.get("type")).orElse(null);
        if (type == null) {
            return "another type";
        }
        if (type.isArray()) {
            return StreamSupport.stream(type.spliterator(), false).map(JsonNode::asText)
                    .collect(Collectors.joining(" or "));
        }
        return type.asText();
    }

    private static String allowedValues(Optional<JsonNode> owner) {
        return owner.map(o -> o.path("enum"))
                .map(values -> StreamSupport.stream(values.spliterator(), false)
                        .map(Values::literal).collect(Collectors.joining(", ")))
                .orElse("one of the allowed values");
    }

    private static String minItems(Optional<JsonNode> owner) {
        int min = owner.map(o -> o.path("minItems").asInt(1)).orElse(1);
        return min <= 1 ? "must not be empty" : "must have at least " + min + " items";
    }

    private static String range(Optional<JsonNode> owner) {
        JsonNode schema = owner.orElse(null);
        if (schema == null) {
            return "out of range";
        }
        JsonNode min = schema.get("minimum");
        JsonNode max = schema.get("maximum");
        if (min != null && max != null) {
            return "must be between " + min.asText() + " and " + max.asText();
        }
        if (min != null) {
            return "must be greater than or equal to " + min.asText();
        }
        if (max != null) {
            return "must be less than or equal to " + max.asText();
        }
        return "out of range";
    }

    private static String argument(Error error, int index) {
        Object[] arguments = error.getArguments();
        return arguments != null && arguments.length > index ? String.valueOf(arguments[index]) : "";
    }
}
