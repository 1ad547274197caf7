package dev.orc.reconciler.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.store.Store;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON patch (RFC 6902): add, remove, replace, move, copy and test, addressed by JSON pointers. At most
 * {@value #MAX_OPERATIONS} operations (Kubernetes' limit), and the copies may not grow the object past what the
 * store takes: a copy of a copy doubles it each time.
 */
final class JsonPatch {
    static final int MAX_OPERATIONS = 10_000;

    private JsonPatch() {
    }

    public static JsonNode apply(JsonNode target, JsonNode operations) {
        if (!operations.isArray()) {
            throw new ApiException.BadRequest("a JSON patch must be an array of operations");
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw new ApiException.RequestEntityTooLarge("The allowed maximum operations in a JSON patch is "
                    + MAX_OPERATIONS + ", got " + operations.size());
        }
        JsonNode doc = target.deepCopy();
        long size = sizeOf(doc);
        int index = 0;
        for (JsonNode op : operations) {
            if (op.path("op").asText().equals("copy")) {
                size += sizeOf(get(doc, required(op, "from", index), index));
                if (size > Store.MAX_VALUE_BYTES) {
                    throw new ApiException.RequestEntityTooLarge("JSON patch operation " + index
                            + ": the copy would grow the object past " + Store.MAX_VALUE_BYTES + " bytes");
                }
            }
            doc = applyOne(doc, op, index++);
        }
        return doc;
    }

    private static long sizeOf(JsonNode node) {
        return Json.bytes(node).length;
    }

    private static JsonNode applyOne(JsonNode doc, JsonNode op, int index) {
        String name = op.path("op").asText();
        String path = required(op, "path", index);
        return switch (name) {
            case "add" -> add(doc, path, value(op, index));
            case "remove" -> remove(doc, path, index);
            case "replace" -> add(remove(doc, path, index), path, value(op, index));
            case "move" -> {
                String from = required(op, "from", index);
                JsonNode moved = get(doc, from, index);
                yield add(remove(doc, from, index), path, moved);
            }
            case "copy" -> add(doc, path, get(doc, required(op, "from", index), index).deepCopy());
            case "test" -> {
                if (!get(doc, path, index).equals(value(op, index))) {
                    throw new ApiException.Unprocessable("JSON patch operation " + index + ": test failed at \"" + path + "\"");
                }
                yield doc;
            }
            default -> throw new ApiException.BadRequest("JSON patch operation " + index + ": unknown op \"" + name + "\"");
        };
    }

    private static String required(JsonNode op, String field, int index) {
        JsonNode value = op.get(field);
        if (value == null || !value.isTextual()) {
            throw new ApiException.BadRequest("JSON patch operation " + index + " needs a string \"" + field + "\"");
        }
        return value.asText();
    }

    private static JsonNode value(JsonNode op, int index) {
        if (!op.has("value")) {
            throw new ApiException.BadRequest("JSON patch operation " + index + " needs a \"value\"");
        }
        return op.get("value").deepCopy();
    }

    private static List<String> tokens(String pointer) {
        if (pointer.isEmpty()) {
            return List.of();
        }
        if (!pointer.startsWith("/")) {
            throw new ApiException.BadRequest("invalid JSON pointer \"" + pointer + "\"");
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static JsonNode get(JsonNode doc, String pointer, int index) {
        JsonNode node = doc;
        for (String token : tokens(pointer)) {
            node = node.isArray() ? node.get(arrayIndex(token, node.size() - 1, pointer, index)) : node.get(token);
            if (node == null) {
                throw missing(pointer, index);
            }
        }
        return node;
    }

    private static JsonNode add(JsonNode doc, String pointer, JsonNode value) {
        List<String> tokens = tokens(pointer);
        if (tokens.isEmpty()) {
            return value;
        }
        JsonNode parent = get(doc, parentOf(pointer), -1);
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            if (last.equals("-")) {
                array.add(value);
            } else {
                array.insert(arrayIndex(last, array.size(), pointer, -1), value);
            }
        } else {
            throw missing(pointer, -1);
        }
        return doc;
    }

    private static JsonNode remove(JsonNode doc, String pointer, int index) {
        List<String> tokens = tokens(pointer);
        if (tokens.isEmpty()) {
            throw new ApiException.BadRequest("JSON patch operation " + index + ": cannot remove the whole document");
        }
        JsonNode parent = get(doc, parentOf(pointer), index);
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof ObjectNode object && object.has(last)) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(arrayIndex(last, array.size() - 1, pointer, index));
        } else {
            throw missing(pointer, index);
        }
        return doc;
    }

    private static String parentOf(String pointer) {
        return pointer.substring(0, pointer.lastIndexOf('/'));
    }

    private static int arrayIndex(String token, int max, String pointer, int index) {
        try {
            int i = Integer.parseInt(token);
            if (i >= 0 && i <= max) {
                return i;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw missing(pointer, index);
    }

    private static ApiException missing(String pointer, int index) {
        return new ApiException.Unprocessable("JSON patch" + (index >= 0 ? " operation " + index : "")
                + ": no value at path \"" + pointer + "\"");
    }
}
