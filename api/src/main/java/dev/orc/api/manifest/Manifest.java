package dev.orc.api.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One object read from a file: {@code source} is the file as the user named it, {@code index} the
 * 1-based number of the document in it, {@code positions} where each field was written.
 * The object tree belongs to this record: callers copy it before changing it.
 */
public record Manifest(String source, int index, ObjectNode object, SourceMap positions) {

    public String apiVersion() {
        return text(object.get("apiVersion"));
    }

    public String kind() {
        return text(object.get("kind"));
    }

    public String name() {
        JsonNode metadata = object.get("metadata");
        return metadata == null ? "" : text(metadata.get("name"));
    }

    public String namespace() {
        JsonNode metadata = object.get("metadata");
        return metadata == null ? "" : text(metadata.get("namespace"));
    }

    /** {@code Deployment "web"}, or {@code document 2} when kind or name are missing. */
    public String subject() {
        String kind = kind();
        String name = name();
        if (kind.isEmpty()) {
            return "document " + index;
        }
        return name.isEmpty() ? kind + " (document " + index + ")" : kind + " \"" + name + "\"";
    }

    public Diagnostic diagnostic(dev.orc.api.validation.Problem problem) {
        return new Diagnostic(problem.severity(), source, positions.locate(problem.path()), subject(),
                problem.path(), problem.message());
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : "";
    }
}
