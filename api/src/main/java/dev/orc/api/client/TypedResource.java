package dev.orc.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.model.KubeObject;

import dev.orc.api.status.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client of one kind, as client-go's typed clientset is: every answer is the kind's immutable record of
 * {@code dev.orc.api.model}, every failure the {@link ApiException} the server answered ({@link ApiException#isConflict}
 * for a stale resourceVersion, {@link ApiException#isAlreadyExists} for a name taken). A record is sent as it is, so a
 * transport inside the server's process hands it on without writing it out first; an object made from a user's
 * template, or a cached object's copy, is sent as its JSON tree, which keeps the fields the record does not model.
 * Get from {@link ApiClient#resource(Class)}; safe to share between threads.
 */
public final class TypedResource<T extends KubeObject> {
    private static final String JSON = "application/json";

    private final ApiClient client;
    private final ResourceType type;
    private final Class<T> view;

    TypedResource(ApiClient client, ResourceType type, Class<T> view) {
        this.client = client;
        this.type = type;
        this.view = view;
    }

    public ResourceType type() {
        return type;
    }

    public T get(String namespace, String name) {
        return read(client.get(type, namespace, name));
    }

    /** The object, or empty when there is none of that name (any other failure is thrown). */
    public Optional<T> find(String namespace, String name) {
        return client.find(type, namespace, name).map(this::read);
    }

    /** Every object the list selects in {@code namespace} (null: all namespaces), following pages. */
    public List<T> list(String namespace, ListOptions options) {
        List<T> items = new ArrayList<>();
        client.listAll(type, namespace, options).path("items").forEach(item -> items.add(read(item)));
        return items;
    }

    /** Creates the object (a {@code metadata.generateName} gets a unique suffix); returns it as stored. */
    public T create(T object) {
        return create(object.namespace(), new POJONode(object));
    }

    /** Creates the object given as JSON, keeping fields the record does not model; returns it as stored. */
    public T create(ObjectNode object) {
        return create(namespaceOf(object), object);
    }

    /** Replaces metadata and spec; a stale {@code metadata.resourceVersion} is a Conflict. */
    public T update(T object) {
        return put(object.namespace(), object.name(), null, new POJONode(object));
    }

    /** Replaces metadata and spec from JSON, keeping fields the record does not model. */
    public T update(ObjectNode object) {
        return put(namespaceOf(object), nameOf(object), null, object);
    }

    /** Replaces only the status (the {@code /status} subresource); a stale resourceVersion is a Conflict. */
    public T updateStatus(T object) {
        return put(object.namespace(), object.name(), "status", new POJONode(object));
    }

    /** Replaces only the status, from JSON. */
    public T updateStatus(ObjectNode object) {
        return put(namespaceOf(object), nameOf(object), "status", object);
    }

    public T patch(String namespace, String name, PatchType patchType, JsonNode patch) {
        return read(client.patch(type, namespace, name, patchType, patch, WriteOptions.defaults()));
    }

    public T patchStatus(String namespace, String name, PatchType patchType, JsonNode patch) {
        return read(client.patchStatus(type, namespace, name, patchType, patch));
    }

    /** Deletes the object; one still held by finalizers or a grace period stays, marked, until they are done. */
    public void delete(String namespace, String name, DeleteOptions options) {
        client.delete(type, namespace, name, options);
    }

    /**
     * Deletes the object unless it is gone already: when the server answers NotFound, or Conflict because the
     * object of that name is no longer the one {@code options} require by uid, nothing is deleted and the answer
     * is false.
     */
    public boolean deleteIfPresent(String namespace, String name, DeleteOptions options) {
        try {
            delete(namespace, name, options);
            return true;
        } catch (ApiException e) {
            if (e.isNotFound() || (e.isConflict() && options.preconditionUid() != null)) {
                return false;
            }
            throw e;
        }
    }

    private T create(String namespace, JsonNode body) {
        String in = type.namespaced() ? requireNamespace(namespace) : null;
        return read(client.call(ApiClient.collection("POST", type, in, WriteOptions.defaults().query(), body)));
    }

    private T put(String namespace, String name, String subresource, JsonNode body) {
        return read(client.call(ApiClient.item("PUT", type, namespace, name, subresource, new Query(), body, JSON)));
    }

    private String requireNamespace(String namespace) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("a namespace is required for " + type.singular());
        }
        return namespace;
    }

    private T read(JsonNode answer) {
        return Json.convert(answer, view);
    }

    private static String namespaceOf(ObjectNode object) {
        String namespace = object.path("metadata").path("namespace").asText("");
        return namespace.isEmpty() ? null : namespace;
    }

    private static String nameOf(ObjectNode object) {
        return object.path("metadata").path("name").asText("");
    }

    @Override
    public String toString() {
        return "TypedResource[" + type.qualifiedName() + "]";
    }
}
