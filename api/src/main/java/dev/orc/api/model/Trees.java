package dev.orc.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Small edits on JSON trees for defaulting: a present {@code null} counts as absent, a field of
 * the wrong type is left for the validator to report, and new keys go after the existing ones.
 */
final class Trees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Trees() {
    }

    static boolean absent(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull();
    }

    static void fill(ObjectNode node, String field, String value) {
        if (absent(node, field)) {
            node.put(field, value);
        }
    }

    static void fill(ObjectNode node, String field, int value) {
        if (absent(node, field)) {
            node.put(field, value);
        }
    }

    static void fill(ObjectNode node, String field, boolean value) {
        if (absent(node, field)) {
            node.put(field, value);
        }
    }

    static void fill(ObjectNode node, String field, JsonNode value) {
        if (absent(node, field)) {
            node.set(field, value);
        }
    }

    static String text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** Runs {@code edit} on the object at {@code field} when there is one. */
    static void ifObject(ObjectNode node, String field, Consumer<ObjectNode> edit) {
        if (node.get(field) instanceof ObjectNode child) {
            edit.accept(child);
        }
    }

    /** The object at {@code field}, created (empty, at the end) when absent; null when it is something else. */
    static ObjectNode objectAt(ObjectNode node, String field) {
        if (absent(node, field)) {
            node.set(field, NODES.objectNode());
        }
        return node.get(field) instanceof ObjectNode child ? child : null;
    }

    /** The objects in the array at {@code field}, skipping anything that is not an object. */
    static List<ObjectNode> objectsIn(ObjectNode node, String field) {
        List<ObjectNode> out = new ArrayList<>();
        JsonNode array = node.get(field);
        if (array != null && array.isArray()) {
            array.forEach(element -> {
                if (element instanceof ObjectNode object) {
                    out.add(object);
                }
            });
        }
        return out;
    }
}
