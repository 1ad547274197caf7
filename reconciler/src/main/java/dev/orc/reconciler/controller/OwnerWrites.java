package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Event;
import dev.orc.api.model.Pod;
import dev.orc.reconciler.controller.runtime.ObjectKey;

/**
 * What a pod owner's reconcile writes: each pod create or delete together with the expectation it leaves and the
 * event that reports it, and the owner's status, only when it changed.
 */
public final class OwnerWrites {
    private final ObjectWriter writer;
    private final EventRecorder events;
    private final Expectations expectations;

    public OwnerWrites(ObjectWriter writer, EventRecorder events, Expectations expectations) {
        this.writer = writer;
        this.events = events;
        this.expectations = expectations;
    }

    /** Creates {@code pod} for {@code owner}; the event says "Created pod: name" followed by {@code detail}. */
    public void createPod(ObjectKey key, ObjectNode owner, ObjectNode pod, String detail) {
        String name = writer.create(ResourceTypes.POD, pod).path("metadata").path("name").asText();
        expectations.expectCreated(key, name);
        events.record(EventRecorder.reference(owner), Event.NORMAL, "SuccessfulCreate",
                "Created pod: " + name + detail);
    }

    public void deletePod(ObjectKey key, ObjectNode owner, Pod pod) {
        writer.delete(ResourceTypes.POD, key.namespace(), pod.name(), pod.metadata().uid(),
                ObjectWriter.Propagation.BACKGROUND);
        expectations.expectDeleted(key, pod.name());
        events.record(EventRecorder.reference(owner), Event.NORMAL, "SuccessfulDelete", "Deleted pod: " + pod.name());
    }

    /** Writes {@code status} onto a copy of {@code owner}, unless the owner already has it. */
    public void statusIfChanged(ResourceType type, ObjectNode owner, Object status) {
        JsonNode tree = Json.tree(status);
        if (!tree.equals(owner.path("status"))) {
            ObjectNode copy = owner.deepCopy();
            copy.set("status", tree);
            writer.updateStatus(type, copy);
        }
    }
}
