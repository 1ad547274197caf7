package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;

/** What a handler answers: an HTTP code and a JSON body. */
record Reply(int code, JsonNode body) {
    public static Reply ok(JsonNode body) {
        return new Reply(200, body);
    }

    public static Reply created(JsonNode body) {
        return new Reply(201, body);
    }
}
