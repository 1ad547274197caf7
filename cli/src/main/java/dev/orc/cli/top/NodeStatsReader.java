package dev.orc.cli.top;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;
import dev.orc.node.stats.StatsSummary;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads a node's {@code /stats/summary} straight from its agent, at the node's InternalIP (else its
 * Hostname) and the port of {@code status.daemonEndpoints.kubeletEndpoint}, presenting the client's
 * bearer token (the agent accepts the token it was started with).
 */
final class NodeStatsReader {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;

    NodeStatsReader(String token) {
        this.token = token;
    }

    StatsSummary read(JsonNode node) {
        String name = node.path("metadata").path("name").asText();
        String address = address(node);
        int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
        if (address == null || port == 0) {
            throw new IllegalStateException("node " + name + " reports no address and port of its agent");
        }
        URI uri = URI.create("http://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port
                + "/stats/summary");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("node " + name + " answered " + response.statusCode() + ": "
                        + response.body().strip());
            }
            return Json.mapper().readValue(response.body(), StatsSummary.class);
        } catch (IOException e) {
            throw new IllegalStateException("node " + name + " at " + uri + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the usage of node " + name, e);
        }
    }

    private static String address(JsonNode node) {
        String hostname = null;
        for (JsonNode a : node.path("status").path("addresses")) {
            if ("InternalIP".equals(a.path("type").asText())) {
                return a.path("address").asText();
            }
            if ("Hostname".equals(a.path("type").asText())) {
                hostname = a.path("address").asText();
            }
        }
        return hostname;
    }
}
