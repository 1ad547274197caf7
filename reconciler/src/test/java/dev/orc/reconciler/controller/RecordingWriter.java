package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;

/**
 * A writer that passes every write on and remembers those that succeeded ("create pods web-x7k2p", "status replicasets
 * web"). A delete counts as done when the writer returns, as {@link ObjectWriter#delete} takes an object already gone.
 */
final class RecordingWriter implements ObjectWriter {
    private final ObjectWriter next;
    private final Records writes;

    RecordingWriter(ObjectWriter next, Records writes) {
        this.next = next;
        this.writes = writes;
    }

    @Override
    public ObjectNode create(ResourceType type, ObjectNode object) {
        return remember("create", type, next.create(type, object));
    }

    @Override
    public ObjectNode update(ResourceType type, ObjectNode object) {
        return remember("update", type, next.update(type, object));
    }

    @Override
    public ObjectNode updateStatus(ResourceType type, ObjectNode object) {
        return remember("status", type, next.updateStatus(type, object));
    }

    @Override
    public void delete(ResourceType type, String namespace, String name, String uid, Propagation propagation) {
        next.delete(type, namespace, name, uid, propagation);
        writes.add("delete " + type.plural() + " " + name);
    }

    private ObjectNode remember(String verb, ResourceType type, ObjectNode stored) {
        writes.add(verb + " " + type.plural() + " " + stored.path("metadata").path("name").asText());
        return stored;
    }
}
