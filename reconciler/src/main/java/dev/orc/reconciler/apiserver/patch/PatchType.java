package dev.orc.reconciler.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.reconciler.apiserver.registry.ApiException;

/** The patch formats the API accepts, by Content-Type. */
public enum PatchType {
    MERGE, JSON, STRATEGIC;

    public static PatchType of(String contentType) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim();
        return switch (type) {
            case "application/merge-patch+json" -> MERGE;
            case "application/json-patch+json" -> JSON;
            case "application/strategic-merge-patch+json" -> STRATEGIC;
            default -> throw new ApiException.UnsupportedMediaType(type.isEmpty() ? "(none)" : type);
        };
    }

    public ObjectNode apply(ObjectNode target, JsonNode patch) {
        JsonNode result = switch (this) {
            case MERGE -> MergePatch.apply(target, patch);
            case JSON -> JsonPatch.apply(target, patch);
            case STRATEGIC -> StrategicMergePatch.apply(target, patch);
        };
        if (!(result instanceof ObjectNode object)) {
            throw new ApiException.Unprocessable("the patched object is not a JSON object");
        }
        return object;
    }
}
