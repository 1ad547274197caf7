package dev.orc.reconciler.leader;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiCall;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.client.WatchListener;
import dev.orc.reconciler.store.Fence;
import dev.orc.reconciler.store.FencedWrites;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The leader's in-process transport: every request runs under the term's fence, so each store write it leads to
 * is refused once the term is over, even when this server was paused and has not noticed yet. In-process requests
 * run on their caller's thread, which is what carries the fence to the store.
 */
public final class FencedTransport implements ApiTransport {
    private final ApiTransport local;
    private final Fence fence;

    public FencedTransport(ApiTransport local, Fence fence) {
        this.local = local;
        this.fence = fence;
    }

    @Override
    public String base() {
        return local.base();
    }

    @Override
    public ObjectNode call(ApiCall call) {
        return FencedWrites.under(fence, () -> local.call(call));
    }

    @Override
    public byte[] send(String method, String pathAndQuery, byte[] body, String contentType) {
        return FencedWrites.under(fence, () -> local.send(method, pathAndQuery, body, contentType));
    }

    @Override
    public WatchHandle stream(String pathAndQuery, Function<String, ApiException> onLine, Consumer<ApiException> onEnd) {
        return local.stream(pathAndQuery, onLine, onEnd);
    }

    @Override
    public WatchHandle watch(ApiCall call, WatchListener listener) {
        return local.watch(call, listener);
    }
}
