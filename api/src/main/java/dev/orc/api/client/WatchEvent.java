package dev.orc.api.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.status.ApiException;

/** One line of a watch: what happened and the object as it is now (a {@code Status} for {@code ERROR}). */
public record WatchEvent(Type type, ObjectNode object) {
    public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK, ERROR }

    /** The resourceVersion to resume a watch after this event. */
    public String resourceVersion() {
        return object.path("metadata").path("resourceVersion").asText("");
    }

    /** The error an {@code ERROR} event carries. */
    public ApiException error() {
        return ApiException.fromStatus(object, 500);
    }
}
