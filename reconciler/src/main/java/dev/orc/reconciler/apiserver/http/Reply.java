package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a handler answers: an HTTP code and a JSON body, as a tree or, for an answer written from bytes the server
 * already holds (a list from the watch cache), as those bytes ({@code body} is then {@code null}: such a reply goes
 * only to HTTP, never to a caller that reads the tree).
 */
record Reply(int code, JsonNode body, byte[] json) {
    Reply(int code, JsonNode body) {
        this(code, body, null);
    }

    public static Reply ok(JsonNode body) {
        return new Reply(200, body);
    }

    public static Reply created(JsonNode body) {
        return new Reply(201, body);
    }

    /** A 200 whose body is {@code json} as it is. */
    static Reply okJson(byte[] json) {
        return new Reply(200, null, json);
    }
}
