package dev.orc.reconciler.manager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.Pod;
import dev.orc.reconciler.controller.EventRecorder;

/** The controllers' and the scheduler's event seams, recorded as v1 Events through the API. */
public final class ClientControllerEvents implements EventRecorder, dev.orc.reconciler.scheduler.EventRecorder {
    private final ClientEvents events;

    public ClientControllerEvents(ClientEvents events) {
        this.events = events;
    }

    @Override
    public void record(ObjectReference involved, String type, String reason, String message) {
        ObjectNode object = Json.object();
        object.put("apiVersion", involved.apiVersion() == null ? "v1" : involved.apiVersion());
        object.put("kind", involved.kind());
        ObjectNode metadata = object.putObject("metadata").put("name", involved.name());
        if (involved.namespace() != null) {
            metadata.put("namespace", involved.namespace());
        }
        if (involved.uid() != null) {
            metadata.put("uid", involved.uid());
        }
        events.record(object, type, reason, message);
    }

    /** Refers to the pod by its identity only: an Event needs no more, and converting the whole pod is costly. */
    @Override
    public void event(Pod pod, String type, String reason, String message) {
        ObjectMeta meta = pod.metadata();
        record(new ObjectReference("v1", "Pod", meta.namespace(), meta.name(), meta.uid(), null, null),
                type, reason, message);
    }
}
