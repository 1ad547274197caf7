package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiCall;
import dev.orc.api.client.ApiException;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.client.WatchListener;

import java.util.function.Consumer;
import java.util.function.Function;

/** A transport that passes every request on and remembers the writes among them ("PUT /apis/.../status"). */
final class RecordingTransport implements ApiTransport {
    private final ApiTransport next;
    private final Records writes;

    RecordingTransport(ApiTransport next, Records writes) {
        this.next = next;
        this.writes = writes;
    }

    @Override
    public String base() {
        return next.base();
    }

    @Override
    public ObjectNode call(ApiCall call) {
        remember(call.method(), call.pathAndQuery());
        return next.call(call);
    }

    @Override
    public WatchHandle watch(ApiCall call, WatchListener listener) {
        return next.watch(call, listener);
    }

    @Override
    public byte[] send(String method, String pathAndQuery, byte[] body, String contentType) {
        remember(method, pathAndQuery);
        return next.send(method, pathAndQuery, body, contentType);
    }

    @Override
    public WatchHandle stream(String pathAndQuery, Function<String, ApiException> onLine, Consumer<ApiException> onEnd) {
        return next.stream(pathAndQuery, onLine, onEnd);
    }

    private void remember(String method, String pathAndQuery) {
        if (!"GET".equals(method)) {
            writes.add(method + " " + pathAndQuery);
        }
    }
}
