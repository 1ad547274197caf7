package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.apiserver.registry.ApiException;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/namespaces/{ns}/pods/{name}/log}: finds the pod's node and streams the container's log
 * from that node's log endpoint ({@code status.daemonEndpoints.kubeletEndpoint.Port} on its InternalIP),
 * passing on the caller's bearer token, which the node checks.
 */
final class PodLogProxy implements Handler {
    private static final List<String> PASSED_ON = List.of("follow", "previous", "timestamps", "tailLines", "sinceSeconds",
            "limitBytes");

    private final ObjectRegistry registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PodLogProxy(ObjectRegistry registry) {
        this.registry = registry;
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
        ObjectNode node = registry.get(ResourceTypes.NODE, null, nodeName);
        String address = internalAddress(node);
        int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
        if (address == null || port == 0) {
            throw new ApiException.BadRequest("node \"" + nodeName + "\" does not publish a log endpoint");
        }
        StringBuilder query = new StringBuilder();
        for (String parameter : PASSED_ON) {
            String value = ctx.queryParam(parameter);
            if (value != null) {
                query.append(query.isEmpty() ? '?' : '&').append(parameter).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        URI target = URI.create("http://" + address + ":" + port + "/containerLogs/" + namespace + "/" + name + "/"
                + container + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).GET();
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ApiException.InternalError("cannot reach the log endpoint of node \"" + nodeName + "\" at "
                    + address + ":" + port + ": " + e.getMessage());
        }
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
    private static String container(ObjectNode pod, String requested) {
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

    private static String internalAddress(ObjectNode node) {
        String fallback = null;
        for (JsonNode address : node.path("status").path("addresses")) {
            if ("InternalIP".equals(address.path("type").asText())) {
                return address.path("address").asText();
            }
            fallback = address.path("address").asText(null);
        }
        return fallback;
    }
}
