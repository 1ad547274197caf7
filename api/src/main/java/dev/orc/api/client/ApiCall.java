package dev.orc.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.meta.ResourceType;

/**
 * One request of the API as its parts rather than as a URL, so that a transport inside the server's process can
 * hand it to the registry without formatting a path and parsing it back. {@code name} is null for a collection
 * (and {@code namespace} null for all namespaces of a namespaced kind), {@code subresource} null for the object
 * itself, {@code body} null when none is sent.
 */
public record ApiCall(String method, ResourceType type, String namespace, String name, String subresource,
                      Query query, JsonNode body, String contentType) {

    /** The REST path, {@code /apis/apps/v1/namespaces/default/deployments/web/scale}. */
    public String path() {
        String path = type.path(type.namespaced() ? namespace : null, name);
        return subresource == null ? path : path + "/" + subresource;
    }

    public String pathAndQuery() {
        return query.appendTo(path());
    }

    /** {@code GET /api/v1/pods/web-1} as a person reads it in a message. */
    @Override
    public String toString() {
        return method + " " + pathAndQuery();
    }
}
