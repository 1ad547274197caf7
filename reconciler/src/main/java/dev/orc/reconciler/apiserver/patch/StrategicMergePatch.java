package dev.orc.reconciler.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.reconciler.apiserver.registry.Meta;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strategic merge patch kubectl sends: a merge patch in which the well-known lists of objects
 * (containers, env, volumes, ports, ...) merge item by item on their key instead of being replaced,
 * with the directives {@code $patch: replace|delete}, {@code $setElementOrder/F},
 * {@code $deleteFromPrimitiveList/F} and {@code $retainKeys}.
 */
final class StrategicMergePatch {
    private static final String DELETE_FROM = "$deleteFromPrimitiveList/";
    private static final String ELEMENT_ORDER = "$setElementOrder/";

    private StrategicMergePatch() {
    }

    public static JsonNode apply(JsonNode target, JsonNode patch) {
        JsonNode result = mergeValue(target, patch);
        return result == null ? Json.object() : result;
    }

    /** The merged value, or {@code null} when the patch deletes it. */
    private static JsonNode mergeValue(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        String directive = Meta.text(patch, "$patch");
        if ("delete".equals(directive)) {
            return null;
        }
        if ("replace".equals(directive)) {
            return withoutDirectives((ObjectNode) patch);
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.object();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String field = entry.getKey();
            JsonNode value = entry.getValue();
            if (field.startsWith("$")) {
                continue;
            }
            JsonNode merged = value.isNull() ? null
                    : value.isArray() && ListKeys.merges(field) ? mergeList(result.get(field), (ArrayNode) value, field)
                    : mergeValue(result.get(field), value);
            if (merged == null) {
                result.remove(field);
            } else {
                result.set(field, merged);
            }
        }
        applyDirectives((ObjectNode) patch, result);
        return result;
    }

    private static void applyDirectives(ObjectNode patch, ObjectNode result) {
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String key = entry.getKey();
            if (key.startsWith(DELETE_FROM) && result.get(key.substring(DELETE_FROM.length())) instanceof ArrayNode list) {
                Set<JsonNode> doomed = new HashSet<>();
                entry.getValue().forEach(doomed::add);
                for (int i = list.size() - 1; i >= 0; i--) {
                    if (doomed.contains(list.get(i))) {
                        list.remove(i);
                    }
                }
            } else if (key.startsWith(ELEMENT_ORDER)) {
                String field = key.substring(ELEMENT_ORDER.length());
                if (result.get(field) instanceof ArrayNode list) {
                    result.set(field, reorder(list, (ArrayNode) entry.getValue(), ListKeys.key(field, list)));
                }
            } else if (key.equals("$retainKeys") && entry.getValue().isArray()) {
                Set<String> keep = new HashSet<>();
                entry.getValue().forEach(k -> keep.add(k.asText()));
                result.properties().removeIf(e -> !keep.contains(e.getKey()));
            }
        }
    }

    private static JsonNode mergeList(JsonNode existing, ArrayNode patch, String field) {
        String key = mergeKey(field, patch);
        if (key == null) {
            return withoutDirectives(patch);
        }
        ArrayNode result = existing instanceof ArrayNode list ? list.deepCopy() : Json.mapper().createArrayNode();
        for (JsonNode item : patch) {
            JsonNode id = item.get(key);
            int at = indexOf(result, key, id);
            if ("delete".equals(Meta.text(item, "$patch"))) {
                if (at >= 0) {
                    result.remove(at);
                }
            } else if (at >= 0) {
                result.set(at, mergeValue(result.get(at), item));
            } else {
                result.add(withoutDirectives(item));
            }
        }
        return result;
    }

    /** The item key of a list, or {@code null} when the items are not all objects carrying it. */
    private static String mergeKey(String field, ArrayNode patch) {
        return ListKeys.key(field, patch);
    }

    private static int indexOf(ArrayNode list, String key, JsonNode id) {
        for (int i = 0; i < list.size(); i++) {
            if (id.equals(list.get(i).get(key))) {
                return i;
            }
        }
        return -1;
    }

    private static ArrayNode reorder(ArrayNode list, ArrayNode order, String key) {
        ArrayNode sorted = Json.mapper().createArrayNode();
        List<JsonNode> rest = new ArrayList<>();
        list.forEach(rest::add);
        for (JsonNode wanted : order) {
            for (int i = 0; i < rest.size(); i++) {
                JsonNode item = rest.get(i);
                JsonNode id = key != null && wanted.isObject() ? wanted.get(key) : wanted;
                JsonNode candidate = key != null && item.isObject() ? item.get(key) : item;
                if (id != null && id.equals(candidate)) {
                    sorted.add(rest.remove(i));
                    break;
                }
            }
        }
        rest.forEach(sorted::add);
        return sorted;
    }

    private static JsonNode withoutDirectives(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(e -> e.getKey().startsWith("$"));
            object.forEach(StrategicMergePatch::strip);
        } else if (node instanceof ArrayNode array) {
            array.forEach(StrategicMergePatch::strip);
        }
    }
}
