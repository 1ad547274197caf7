package dev.orc.reconciler.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiCall;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.client.WatchListener;

import java.util.function.Consumer;
import java.util.function.Function;

/** A transport that passes every request on to {@code next}; a test's transport overrides what it looks at. */
public abstract class ForwardingTransport implements ApiTransport {
    private final ApiTransport next;

    protected ForwardingTransport(ApiTransport next) {
        this.next = next;
    }

    @Override
    public String base() {
        return next.base();
    }

    @Override
    public ObjectNode call(ApiCall call) {
        return next.call(call);
    }

    @Override
    public WatchHandle watch(ApiCall call, WatchListener listener) {
        return next.watch(call, listener);
    }

    @Override
    public byte[] send(String method, String pathAndQuery, byte[] body, String contentType) {
        return next.send(method, pathAndQuery, body, contentType);
    }

    @Override
    public WatchHandle stream(String pathAndQuery, Function<String, ApiException> onLine, Consumer<ApiException> onEnd) {
        return next.stream(pathAndQuery, onLine, onEnd);
    }
}
