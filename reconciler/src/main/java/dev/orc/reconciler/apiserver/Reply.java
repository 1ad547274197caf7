package dev.orc.reconciler.apiserver;

import com.fasterxml.jackson.databind.JsonNode;

/** What a handler answers: an HTTP code and a JSON body. */
public record Reply(int code, JsonNode body) {
    public static Reply ok(JsonNode body) {
        return new Reply(200, body);
    }

    public static Reply created(JsonNode body) {
        return new Reply(201, body);
    }
}
