package dev.orc.api.client;

import java.util.Optional;

/** The patch formats the API accepts, by the content type that names them. */
public enum PatchType {
    /** RFC 7386: objects merge, {@code null} removes, lists are replaced. */
    MERGE("application/merge-patch+json"),
    /** RFC 6902: a list of operations. */
    JSON("application/json-patch+json"),
    /** Kubernetes' merge that merges lists of named items (containers, ports) by their key. */
    STRATEGIC_MERGE("application/strategic-merge-patch+json"),
    /** Server-side apply: the fields a field manager wants, which it then owns (send with a field manager). */
    APPLY("application/apply-patch+yaml");

    private final String contentType;

    PatchType(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** The format a content type (without parameters) names. */
    public static Optional<PatchType> ofContentType(String contentType) {
        for (PatchType type : values()) {
            if (type.contentType.equals(contentType)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
