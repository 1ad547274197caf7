package dev.orc.api.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.orc.api.status.ApiException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How an {@link ApiClient}'s requests reach the API: over HTTP, or inside the server's own process. Object
 * requests come as {@link ApiCall}s; streamed ones (logs) as the API's paths
 * ({@code /api/v1/namespaces/default/pods/web/log?follow=true}). An answer other than 2xx is thrown as the
 * {@link ApiException} its {@code Status} body describes.
 */
public interface ApiTransport {
    /** The server's base URL, for messages and for callers that must reach it directly. */
    String base();

    /** Sends a request whose answer is a JSON object. */
    ObjectNode call(ApiCall call);

    /** Sends a request and returns the answer's bytes as they are (a container log, say). */
    byte[] send(String method, String pathAndQuery, byte[] body, String contentType);

    /** Opens a streaming GET read line by line on a thread of its own. */
    WatchHandle stream(String pathAndQuery, Function<String, ApiException> onLine, Consumer<ApiException> onEnd);

    /** Opens a watch: each event goes to {@code listener}, an ERROR event or the stream's end closes it. */
    default WatchHandle watch(ApiCall call, WatchListener listener) {
        return stream(call.pathAndQuery(), line -> WatchDecoder.deliver(line, listener), listener::onClose);
    }

    /** The HTTP transport {@link ApiClient#connect(ClientConfig, Duration)} uses. */
    static ApiTransport http(ClientConfig config, Duration requestTimeout) {
        return HttpTransport.connect(config, requestTimeout);
    }
}
