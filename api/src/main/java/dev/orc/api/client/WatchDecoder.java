package dev.orc.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.status.ApiException;

/** Reads the lines of a watch, {@code {"type":"ADDED","object":{...}}}, and hands each event to a listener. */
final class WatchDecoder {
    private WatchDecoder() {
    }

    /** Delivers one line; returns the failure that ends the watch (an ERROR event or an unreadable line), else null. */
    static ApiException deliver(String line, WatchListener listener) {
        JsonNode event;
        try {
            event = Json.parse(line);
        } catch (IllegalArgumentException e) {
            return ApiException.unreachable("the server sent a watch event that is not JSON: " + e.getMessage(), e);
        }
        WatchEvent.Type type;
        try {
            type = WatchEvent.Type.valueOf(event.path("type").asText(""));
        } catch (IllegalArgumentException e) {
            return ApiException.unreachable("the server sent a watch event of unknown type \""
                    + event.path("type").asText("") + "\"", e);
        }
        if (!(event.get("object") instanceof ObjectNode object)) {
            return ApiException.unreachable("the server sent a " + type + " watch event without an object", null);
        }
        WatchEvent watchEvent = new WatchEvent(type, object);
        if (type == WatchEvent.Type.ERROR) {
            return watchEvent.error();
        }
        listener.onEvent(watchEvent);
        return null;
    }
}
