package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.JsonNode;

/** One object a GitSource manages, as its inventory records it. Namespace is empty for cluster-scoped kinds. */
public record ManagedRef(String apiVersion, String kind, String namespace, String name) {
    public static ManagedRef of(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        return new ManagedRef(object.path("apiVersion").asText(""), object.path("kind").asText(""),
                metadata.path("namespace").asText(""), metadata.path("name").asText(""));
    }

    /** {@code Deployment default/web}. */
    @Override
    public String toString() {
        return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }
}
