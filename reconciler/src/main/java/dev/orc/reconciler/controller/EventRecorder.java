package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.model.ObjectReference;

/** Where controllers report what they did and what failed, as v1 Events on the object involved. */
@FunctionalInterface
public interface EventRecorder {
    void record(ObjectReference involvedObject, String type, String reason, String message);

    /** A reference to a stored object, as events name it. */
    static ObjectReference reference(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        return new ObjectReference(text(object.get("apiVersion")), text(object.get("kind")),
                text(metadata.get("namespace")), text(metadata.get("name")), text(metadata.get("uid")),
                text(metadata.get("resourceVersion")), null);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
