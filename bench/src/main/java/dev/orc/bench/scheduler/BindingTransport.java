package dev.orc.bench.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiCall;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.json.Json;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The API as the benchmark's scheduler reaches it: a binding goes to {@code onBind} (pod namespace/name, node), as
 * the API server would store it; every other call (the scheduler's Events) is answered with an empty object.
 */
final class BindingTransport implements ApiTransport {
    private final BiConsumer<String, String> onBind;

    BindingTransport(BiConsumer<String, String> onBind) {
        this.onBind = onBind;
    }

    @Override
    public String base() {
        return "memory:";
    }

    @Override
    public ObjectNode call(ApiCall call) {
        if ("binding".equals(call.subresource())) {
            onBind.accept(call.namespace() + "/" + call.name(), call.body().path("target").path("name").asText());
        }
        return Json.object();
    }

    @Override
    public byte[] send(String method, String pathAndQuery, byte[] body, String contentType) {
        throw new UnsupportedOperationException(method + " " + pathAndQuery);
    }

    @Override
    public WatchHandle stream(String pathAndQuery, Function<String, ApiException> onLine, Consumer<ApiException> onEnd) {
        throw new UnsupportedOperationException(pathAndQuery);
    }
}
