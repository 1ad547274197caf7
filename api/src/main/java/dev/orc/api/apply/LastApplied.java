package dev.orc.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import java.util.Optional;

/**
 * The {@code kubectl.kubernetes.io/last-applied-configuration} annotation: what the last apply sent, kept on
 * the object so the next apply knows which fields it owns and may remove.
 */
public final class LastApplied {
    public static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

    private LastApplied() {
    }

    /** A copy of {@code desired} carrying the annotation that records it (without the annotation itself). */
    public static ObjectNode annotate(ObjectNode desired) {
        ObjectNode recorded = withoutAnnotation(desired);
        ObjectNode result = desired.deepCopy();
        ObjectNode metadata = result.has("metadata") && result.get("metadata").isObject()
                ? (ObjectNode) result.get("metadata") : result.putObject("metadata");
        ObjectNode annotations = metadata.has("annotations") && metadata.get("annotations").isObject()
                ? (ObjectNode) metadata.get("annotations") : metadata.putObject("annotations");
        annotations.put(ANNOTATION, Json.write(recorded));
        return result;
    }

    /** What the last apply sent, if the live object records it. */
    public static Optional<ObjectNode> of(JsonNode live) {
        JsonNode value = live.path("metadata").path("annotations").get(ANNOTATION);
        if (value == null || !value.isTextual()) {
            return Optional.empty();
        }
        try {
            JsonNode parsed = Json.parse(value.asText());
            return parsed instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ObjectNode withoutAnnotation(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        JsonNode annotations = copy.path("metadata").get("annotations");
        if (annotations instanceof ObjectNode map) {
            map.remove(ANNOTATION);
            if (map.isEmpty()) {
                ((ObjectNode) copy.get("metadata")).remove("annotations");
            }
        }
        return copy;
    }
}
