package dev.orc.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * The JSON merge patch that takes a live object to what the user now wants, as {@code kubectl apply} does:
 * fields of {@code modified} that differ from {@code current} are set; fields the last apply
 * ({@code original}) had and {@code modified} no longer has are removed; fields only the server or others
 * wrote (defaults, status, metadata.uid, ...) are left alone. Lists are replaced whole, but only when they
 * really differ: elements are compared field by field the same way, so server defaults inside list items
 * (a container's imagePullPolicy, a port's protocol) do not make an unchanged list look changed.
 * An empty patch means the object is unchanged.
 */
public final class ThreeWayMerge {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ThreeWayMerge() {
    }

    public static ObjectNode patch(JsonNode original, JsonNode modified, JsonNode current) {
        ObjectNode patch = NODES.objectNode();
        ObjectNode originalObject = original instanceof ObjectNode o ? o : NODES.objectNode();
        ObjectNode currentObject = current instanceof ObjectNode c ? c : NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = modified.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (key.equals("status")) {
                continue;
            }
            JsonNode want = field.getValue();
            JsonNode have = currentObject.get(key);
            if (have == null || have.isNull()) {
                if (!want.isNull()) {
                    patch.set(key, want.deepCopy());
                }
            } else if (want.isObject() && have.isObject()) {
                ObjectNode nested = patch(originalObject.get(key), want, have);
                if (!nested.isEmpty()) {
                    patch.set(key, nested);
                }
            } else if (want.isArray() && have.isArray()) {
                if (!equivalentLists(originalObject.get(key), (ArrayNode) want, (ArrayNode) have)) {
                    patch.set(key, want.deepCopy());
                }
            } else if (!sameValue(want, have)) {
                patch.set(key, want.deepCopy());
            }
        }
        for (Iterator<String> names = originalObject.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!modified.has(key) && currentObject.has(key) && !key.equals("status")) {
                patch.putNull(key);
            }
        }
        return patch;
    }

    /** Whether applying {@code modified} over {@code current} would leave the list as it is. */
    private static boolean equivalentLists(JsonNode original, ArrayNode modified, ArrayNode current) {
        if (modified.size() != current.size()) {
            return false;
        }
        ArrayNode originalList = original instanceof ArrayNode a ? a : NODES.arrayNode();
        for (int i = 0; i < modified.size(); i++) {
            JsonNode want = modified.get(i);
            JsonNode have = current.get(i);
            if (want.isObject() && have.isObject()) {
                JsonNode before = i < originalList.size() ? originalList.get(i) : NODES.objectNode();
                if (!patch(before, want, have).isEmpty()) {
                    return false;
                }
            } else if (want.isArray() && have.isArray()) {
                JsonNode before = i < originalList.size() ? originalList.get(i) : null;
                if (!equivalentLists(before, (ArrayNode) want, (ArrayNode) have)) {
                    return false;
                }
            } else if (!sameValue(want, have)) {
                return false;
            }
        }
        return true;
    }

    /** Equal as JSON values; numbers compare by value ({@code 1} equals {@code 1.0}). */
    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
