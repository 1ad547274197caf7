package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Kubernetes treats a field set to null ({@code annotations:} with nothing after it) as a field not set.
 * Validation does the same on a copy, leaving the caller's document as it was.
 */
final class NullFields {
    private NullFields() {
    }

    static JsonNode withoutNullFields(JsonNode document) {
        if (!containsNullField(document)) {
            return document;
        }
        JsonNode copy = document.deepCopy();
        strip(copy);
        return copy;
    }

    private static boolean containsNullField(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                JsonNode value = it.next().getValue();
                if (value.isNull() || containsNullField(value)) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (containsNullField(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(entry -> entry.getValue().isNull());
            object.forEach(NullFields::strip);
        } else if (node.isArray()) {
            node.forEach(NullFields::strip);
        }
    }
}
