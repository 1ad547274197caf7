package dev.orc.api.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * apps/v1 ControllerRevision: an immutable snapshot of a controller's template ({@code data}) at {@code revision}.
 * A StatefulSet keeps its history in them.
 */
public record ControllerRevision(String apiVersion, String kind, ObjectMeta metadata, JsonNode data, Long revision)
        implements KubeObject {
    public static final String API_VERSION = "apps/v1";
    public static final String KIND = "ControllerRevision";

    @Override
    public ControllerRevision withMetadata(ObjectMeta metadata) {
        return new ControllerRevision(apiVersion, kind, metadata, data, revision);
    }

    public long revisionOrZero() {
        return revision == null ? 0 : revision;
    }
}
