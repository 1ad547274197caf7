package dev.orc.api.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** How an object says which GitSource manages it: a label to select by and an annotation naming the source. */
public final class Ownership {
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "orc-gitops";
    public static final String SOURCE_ANNOTATION = "orc.dev/gitsource";
    /** Set by {@code orc rollout undo}: self-heal leaves the object alone until a newer commit arrives. */
    public static final String PIN_ANNOTATION = "orc.dev/pinned-commit";
    /** Set by webhooks and {@code orc sync} on a GitSource to ask for a sync now; a new value is a new request. */
    public static final String SYNC_REQUEST_ANNOTATION = "orc.dev/sync-requested-at";
    /**
     * Set to {@code "true"} on an existing object that no GitSource manages, to let a source take it over (Argo CD's
     * and Flux's adoption, made explicit): without it a source leaves the object alone and reports it.
     */
    public static final String ADOPT_ANNOTATION = "orc.dev/adopt";

    private Ownership() {
    }

    /** {@code namespace/name} of the source managing the object, if any. */
    public static Optional<String> owner(JsonNode object) {
        JsonNode value = object.path("metadata").path("annotations").get(SOURCE_ANNOTATION);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** Whether the object's owner has marked it for adoption by a GitSource ({@link #ADOPT_ANNOTATION}). */
    public static boolean adoptable(JsonNode object) {
        return "true".equals(object.path("metadata").path("annotations").path(ADOPT_ANNOTATION).asText(""));
    }

    /** The commit an emergency rollback pinned the object to, if any. */
    public static Optional<String> pinnedCommit(JsonNode object) {
        JsonNode value = object.path("metadata").path("annotations").get(PIN_ANNOTATION);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** Adds the removal of the pin to a merge patch (in place). */
    public static void unpin(ObjectNode patch) {
        child(child(patch, "metadata"), "annotations").putNull(PIN_ANNOTATION);
    }

    /** Marks a desired object (in place) as managed by {@code source}. */
    public static void mark(ObjectNode object, String source) {
        ObjectNode metadata = child(object, "metadata");
        child(metadata, "labels").put(MANAGED_BY_LABEL, MANAGED_BY_VALUE);
        child(metadata, "annotations").put(SOURCE_ANNOTATION, source);
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        return existing instanceof ObjectNode object ? object : parent.putObject(name);
    }
}
