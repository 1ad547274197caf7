package dev.orc.api.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Points at another object, as events and endpoint addresses do. */
public record ObjectReference(String apiVersion, String kind, String namespace, String name, String uid,
                              String resourceVersion, String fieldPath) {

    public static ObjectReference to(KubeObject object) {
        ObjectMeta meta = object.metadata();
        return new ObjectReference(object.apiVersion(), object.kind(), object.namespace(), object.name(),
                meta == null ? null : meta.uid(), meta == null ? null : meta.resourceVersion(), null);
    }

    /** A reference to an object given as its JSON, as events name it. */
    public static ObjectReference of(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        return new ObjectReference(text(object.get("apiVersion")), text(object.get("kind")),
                text(metadata.get("namespace")), text(metadata.get("name")), text(metadata.get("uid")),
                text(metadata.get("resourceVersion")), null);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
