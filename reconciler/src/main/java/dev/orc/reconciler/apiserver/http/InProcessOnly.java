package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiCall;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.WatchHandle;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The remote half of the server's own client, for handlers that call the API themselves (a sync preview's dry
 * runs): they make only object calls, which stay in-process, so anything else is a programming error.
 */
final class InProcessOnly implements ApiTransport {
    @Override
    public String base() {
        return "in-process";
    }

    @Override
    public ObjectNode call(ApiCall call) {
        throw refused(call.toString());
    }

    @Override
    public byte[] send(String method, String pathAndQuery, byte[] body, String contentType) {
        throw refused(method + " " + pathAndQuery);
    }

    @Override
    public WatchHandle stream(String pathAndQuery, Function<String, ApiException> onLine, Consumer<ApiException> onEnd) {
        throw refused("GET " + pathAndQuery);
    }

    private static IllegalStateException refused(String request) {
        return new IllegalStateException(request + " has no in-process route");
    }
}
