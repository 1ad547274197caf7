package dev.orc.api.cache;

import com.fasterxml.jackson.databind.JsonNode;

/** What a work queue holds: one object by namespace and name (namespace empty for cluster-scoped kinds). */
public record ObjectKey(String namespace, String name) {
    public static ObjectKey of(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        return new ObjectKey(metadata.path("namespace").asText(""), metadata.path("name").asText(""));
    }

    @Override
    public String toString() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
