package dev.orc.reconciler.apiserver.http;

import dev.orc.api.status.ApiException;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /api/v1/nodes/{name}/proxy/stats/summary}: the node's resource usage as its agent reports it, fetched by
 * the server with its own credential, as kube-apiserver's node proxy serves the kubelet's ({@code nodes/proxy}).
 */
final class NodeStatsProxy implements Handler {
    private final NodeEndpoints nodes;

    NodeStatsProxy(NodeEndpoints nodes) {
        this.nodes = nodes;
    }

    @Override
    public void handle(Context ctx) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = nodes.get(ctx.pathParam("name"), List.of("stats", "summary"), "");
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readAllBytes();
        }
        if (response.statusCode() != 200) {
            throw new ApiException.InternalError("node \"" + ctx.pathParam("name") + "\" answered "
                    + response.statusCode() + ": " + new String(body, StandardCharsets.UTF_8).strip());
        }
        ctx.contentType("application/json").result(body);
    }
}
