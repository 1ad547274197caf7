package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/namespaces/{ns}/pods/{name}/log}: finds the pod's node and streams the container's log from that
 * node's log endpoint through {@link NodeEndpoints}, with the server's own credential (never the caller's).
 */
final class PodLogProxy implements Handler {
    private static final List<String> PASSED_ON = List.of("follow", "previous", "timestamps", "tailLines", "sinceSeconds",
            "limitBytes");

    private final ObjectRegistry registry;
    private final NodeEndpoints nodes;

    PodLogProxy(ObjectRegistry registry, NodeEndpoints nodes) {
        this.registry = registry;
        this.nodes = nodes;
    }

    @Override
    public void handle(Context ctx) throws IOException, InterruptedException {
        String namespace = ctx.pathParam("namespace");
        String name = ctx.pathParam("name");
        ObjectNode pod = registry.get(ResourceTypes.POD, namespace, name);
        String container = container(pod, ctx.queryParam("container"));
        String nodeName = pod.path("spec").path("nodeName").asText("");
        if (nodeName.isEmpty()) {
            throw new ApiException.BadRequest("pod \"" + name + "\" is not scheduled to a node yet; it has no log");
        }
        StringBuilder query = new StringBuilder();
        for (String parameter : PASSED_ON) {
            String value = ctx.queryParam(parameter);
            if (value != null) {
                query.append(query.isEmpty() ? '?' : '&').append(parameter).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        HttpResponse<InputStream> response = nodes.get(nodeName, List.of("containerLogs", namespace, name, container),
                query.toString());
        ctx.status(response.statusCode()).contentType("text/plain; charset=utf-8");
        try (InputStream in = response.body(); OutputStream out = ctx.res().getOutputStream()) {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        }
    }

    /** The container asked for, or the pod's only container; several without a choice is an error naming them. */
    static String container(ObjectNode pod, String requested) {
        List<String> names = new ArrayList<>();
        for (JsonNode container : pod.path("spec").path("containers")) {
            names.add(container.path("name").asText());
        }
        List<String> all = new ArrayList<>(names);
        for (JsonNode container : pod.path("spec").path("initContainers")) {
            all.add(container.path("name").asText());
        }
        String podName = pod.path("metadata").path("name").asText();
        if (requested != null && !requested.isEmpty()) {
            if (!all.contains(requested)) {
                throw new ApiException.BadRequest("container " + requested + " is not valid for pod " + podName);
            }
            return requested;
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        throw new ApiException.BadRequest("a container name must be specified for pod " + podName + ", choose one of: "
                + names);
    }
}
