package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;
import dev.orc.reconciler.apiserver.registry.Selection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The resource metrics API ({@code metrics.k8s.io/v1beta1}, what metrics-server serves and {@code kubectl top} reads):
 * NodeMetrics and PodMetrics made from each node agent's live usage ({@code /stats/summary}), fetched at the request
 * with the server's credential. A node that does not answer within {@link #NODE_TIMEOUT} is left out, as
 * metrics-server leaves out a node it could not scrape, and {@code kubectl top} shows it as unknown.
 */
final class ResourceMetrics {
    static final String GROUP_VERSION = "metrics.k8s.io/v1beta1";
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(10);
    private static final String WINDOW = "10s";
    private static final Logger LOG = LoggerFactory.getLogger(ResourceMetrics.class);

    private final ObjectRegistry registry;
    private final NodeEndpoints nodes;
    private final Clock clock;

    ResourceMetrics(ObjectRegistry registry, NodeEndpoints nodes, Clock clock) {
        this.registry = registry;
        this.nodes = nodes;
        this.clock = clock;
    }

    Reply nodeList(ApiRequest request) {
        ArrayNode items = Json.mapper().createArrayNode();
        summaries(nodeNames(request)).forEach((name, summary) -> items.add(nodeMetrics(name, summary.path("node"))));
        return Reply.ok(list("NodeMetricsList", items));
    }

    Reply node(ApiRequest request) {
        String name = request.pathParam("name");
        registry.get(ResourceTypes.NODE, null, name);
        JsonNode summary = summaries(List.of(name)).get(name);
        if (summary == null) {
            throw new ApiException.NotFound("nodemetrics.metrics.k8s.io \"" + name + "\" not found");
        }
        return Reply.ok(nodeMetrics(name, summary.path("node")));
    }

    Reply podList(ApiRequest request) {
        String namespace = request.pathParam("namespace");
        Set<String> selected = selectedPods(namespace, request.selection());
        ArrayNode items = Json.mapper().createArrayNode();
        for (JsonNode summary : summaries(nodeNames(null)).values()) {
            for (JsonNode pod : summary.path("pods")) {
                if (selected.contains(pod.path("namespace").asText() + "/" + pod.path("name").asText())) {
                    items.add(podMetrics(pod, summary));
                }
            }
        }
        return Reply.ok(list("PodMetricsList", items));
    }

    Reply pod(ApiRequest request) {
        String namespace = request.pathParam("namespace");
        String name = request.pathParam("name");
        JsonNode pod = registry.get(ResourceTypes.POD, namespace, name);
        String node = pod.path("spec").path("nodeName").asText("");
        JsonNode summary = node.isEmpty() ? null : summaries(List.of(node)).get(node);
        if (summary != null) {
            for (JsonNode usage : summary.path("pods")) {
                if (namespace.equals(usage.path("namespace").asText()) && name.equals(usage.path("name").asText())) {
                    return Reply.ok(podMetrics(usage, summary));
                }
            }
        }
        throw new ApiException.NotFound("podmetrics.metrics.k8s.io \"" + namespace + "/" + name + "\" not found");
    }

    private List<String> nodeNames(ApiRequest request) {
        Selection selection = request == null ? Selection.everything() : request.selection();
        List<String> names = new ArrayList<>();
        for (JsonNode node : registry.list(ResourceTypes.NODE, null, selection, 0, null).path("items")) {
            names.add(node.path("metadata").path("name").asText());
        }
        return names;
    }

    private Set<String> selectedPods(String namespace, Selection selection) {
        Set<String> keys = new HashSet<>();
        for (JsonNode pod : registry.list(ResourceTypes.POD, namespace, selection, 0, null).path("items")) {
            keys.add(pod.path("metadata").path("namespace").asText() + "/" + pod.path("metadata").path("name").asText());
        }
        return keys;
    }

    /** The summaries of the nodes that answered in time, asked all at once. */
    private Map<String, JsonNode> summaries(List<String> nodeNames) {
        Map<String, Future<JsonNode>> asked = new LinkedHashMap<>();
        Map<String, JsonNode> answered = new LinkedHashMap<>();
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : nodeNames) {
                asked.put(name, calls.submit(() -> summary(name)));
            }
            long deadline = System.nanoTime() + NODE_TIMEOUT.toNanos();
            for (Map.Entry<String, Future<JsonNode>> call : asked.entrySet()) {
                answer(call.getKey(), call.getValue(), deadline).ifPresent(summary -> answered.put(call.getKey(), summary));
            }
            calls.shutdownNow();
        }
        return answered;
    }

    private static Optional<JsonNode> answer(String node, Future<JsonNode> call, long deadline) {
        try {
            return Optional.of(call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            call.cancel(true);
            LOG.debug("node {} gave no usage within {}", node, NODE_TIMEOUT);
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.debug("node {} gave no usage: {}", node, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private JsonNode summary(String node) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = nodes.get(node, List.of("stats", "summary"), "");
        try (InputStream in = response.body()) {
            byte[] body = in.readAllBytes();
            if (response.statusCode() != 200) {
                throw new IOException("node " + node + " answered " + response.statusCode());
            }
            return Json.parse(body);
        }
    }

    private ObjectNode list(String kind, ArrayNode items) {
        ObjectNode list = Json.object().put("kind", kind).put("apiVersion", GROUP_VERSION);
        list.putObject("metadata");
        list.set("items", items);
        return list;
    }

    private ObjectNode nodeMetrics(String name, JsonNode usage) {
        ObjectNode metrics = Json.object().put("kind", "NodeMetrics").put("apiVersion", GROUP_VERSION);
        Instant now = clock.instant();
        metrics.putObject("metadata").put("name", name).put("creationTimestamp", now.toString());
        metrics.put("timestamp", now.toString()).put("window", WINDOW);
        usage(metrics.putObject("usage"), usage);
        return metrics;
    }

    private ObjectNode podMetrics(JsonNode pod, JsonNode summary) {
        ObjectNode metrics = Json.object().put("kind", "PodMetrics").put("apiVersion", GROUP_VERSION);
        Instant now = clock.instant();
        metrics.putObject("metadata").put("name", pod.path("name").asText())
                .put("namespace", pod.path("namespace").asText()).put("creationTimestamp", now.toString())
                .putObject("labels").put("node", summary.path("node").path("name").asText());
        metrics.put("timestamp", now.toString()).put("window", WINDOW);
        ArrayNode containers = metrics.putArray("containers");
        for (JsonNode container : pod.path("containers")) {
            usage(containers.addObject().put("name", container.path("name").asText()).putObject("usage"), container);
        }
        return metrics;
    }

    /** CPU in nanocores and memory in KiB, as metrics-server writes them. */
    private static void usage(ObjectNode into, JsonNode from) {
        into.put("cpu", from.path("cpuNanoCores").asLong() + "n").put("memory", from.path("memoryBytes").asLong() / 1024 + "Ki");
    }
}
