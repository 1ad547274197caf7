package dev.orc.cli.top;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.json.Json;
import dev.orc.node.stats.StatsSummary;

/**
 * Reads a node's {@code /stats/summary} through the API server's node proxy
 * ({@code /api/v1/nodes/NAME/proxy/stats/summary}): the server calls the agent with its own credential, so the
 * client's token goes to the server only, never to an address a Node object names.
 */
final class NodeStatsReader {
    private final ApiClient client;

    NodeStatsReader(ApiClient client) {
        this.client = client;
    }

    StatsSummary read(JsonNode node) {
        String name = node.path("metadata").path("name").asText();
        try {
            return Json.convert(client.nodeStatsSummary(name), StatsSummary.class);
        } catch (ApiException e) {
            throw new IllegalStateException("the usage of node " + name + " cannot be read: " + e.getMessage(), e);
        }
    }
}
