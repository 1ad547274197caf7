package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiCall;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.testing.ForwardingTransport;


/**
 * The transport of the controllers under test: passes every call on and remembers the writes that succeeded
 * ("create pods web-x7k2p", "status replicasets web", "delete pods web-x7k2p") and, apart, the Events recorded
 * ("web Normal SuccessfulCreate: Created pod: web-x7k2p"), each Event as its create was sent, repeats too. A delete
 * the server answers NotFound or Conflict (the object already gone) counts as done, as controllers take it so, and
 * its answer is passed on.
 */
final class RecordingWrites extends ForwardingTransport {
    private final Records writes;
    private final Records events;

    RecordingWrites(ApiTransport next, Records writes, Records events) {
        super(next);
        this.writes = writes;
        this.events = events;
    }

    @Override
    public ObjectNode call(ApiCall call) {
        if (call.type() == ResourceTypes.EVENT) {
            if ("POST".equals(call.method())) {
                events.add(describeEvent(Json.tree(call.body())));
            }
            return super.call(call);
        }
        if ("DELETE".equals(call.method())) {
            try {
                ObjectNode answer = super.call(call);
                writes.add("delete " + call.type().plural() + " " + call.name());
                return answer;
            } catch (ApiException e) {
                if (e.isNotFound() || e.isConflict()) {
                    writes.add("delete " + call.type().plural() + " " + call.name());
                }
                throw e;
            }
        }
        ObjectNode answer = super.call(call);
        String verb = switch (call.method()) {
            case "POST" -> call.subresource() == null ? "create" : call.subresource();
            case "PUT" -> call.subresource() == null ? "update" : call.subresource();
            case "PATCH" -> call.subresource() == null ? "patch" : "patch " + call.subresource();
            default -> null;
        };
        if (verb != null) {
            writes.add(verb + " " + call.type().plural() + " " + answer.path("metadata").path("name").asText(call.name()));
        }
        return answer;
    }

    private static String describeEvent(JsonNode event) {
        return event.path("involvedObject").path("name").asText() + " " + event.path("type").asText() + " "
                + event.path("reason").asText() + ": " + event.path("message").asText();
    }
}
