package dev.orc.reconciler.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.PatchType;
import dev.orc.api.status.ApiException;

/** Applies the patch formats of {@link PatchType} (the client's names for them) to stored objects. */
public final class Patches {
    private Patches() {
    }

    /**
     * The format a request's {@code Content-Type} names; 415 for any other (server-side apply's content type is
     * served apart, by {@code ServerSideApply}).
     */
    public static PatchType typeOf(String contentType) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim();
        return PatchType.ofContentType(type).filter(patchType -> patchType != PatchType.APPLY)
                .orElseThrow(() -> new ApiException.UnsupportedMediaType(type.isEmpty() ? "(none)" : type));
    }

    public static ObjectNode apply(PatchType type, ObjectNode target, JsonNode patch) {
        JsonNode result = switch (type) {
            case MERGE -> MergePatch.apply(target, patch);
            case JSON -> JsonPatch.apply(target, patch);
            case STRATEGIC_MERGE -> StrategicMergePatch.apply(target, patch);
            case APPLY -> throw new ApiException.UnsupportedMediaType(type.contentType() + " outside server-side apply");
        };
        if (!(result instanceof ObjectNode object)) {
            throw new ApiException.Unprocessable("the patched object is not a JSON object");
        }
        return object;
    }
}
