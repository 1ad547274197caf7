package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;

import java.util.ArrayList;
import java.util.List;

/** A writer that passes every write on and remembers those that succeeded ("create pods web-x7k2p", "status replicasets web"). */
final class RecordingWriter implements ObjectWriter {
    private final ObjectWriter next;
    private final List<String> writes = new ArrayList<>();

    RecordingWriter(ObjectWriter next) {
        this.next = next;
    }

    synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    synchronized void clear() {
        writes.clear();
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
        remember("delete " + type.plural() + " " + name);
    }

    private ObjectNode remember(String verb, ResourceType type, ObjectNode stored) {
        remember(verb + " " + type.plural() + " " + stored.path("metadata").path("name").asText());
        return stored;
    }

    private synchronized void remember(String write) {
        writes.add(write);
    }
}
