package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.orc.api.json.Json;

import java.util.Iterator;
import java.util.Map;

/**
 * A copy of a request body as the server would have read it had it been sent as JSON: fields holding a missing
 * node (what {@code path()} returns for an absent field) are left out, as JSON writing leaves them out, and values
 * held as Java objects become their JSON trees.
 */
final class SentCopy {
    private SentCopy() {
    }

    static JsonNode of(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node instanceof POJONode pojo) {
            return Json.tree(pojo.getPojo());
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getValue().isMissingNode()) {
                    copy.set(field.getKey(), of(field.getValue()));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            for (JsonNode element : node) {
                if (!element.isMissingNode()) {
                    copy.add(of(element));
                }
            }
            return copy;
        }
        return node.deepCopy();
    }
}
