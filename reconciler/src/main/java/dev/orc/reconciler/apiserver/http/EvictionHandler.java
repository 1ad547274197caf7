package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.Evictions;
import dev.orc.reconciler.apiserver.registry.Meta;

/**
 * {@code POST pods/{name}/eviction} with a policy/v1 Eviction: reads the Eviction and its {@code deleteOptions},
 * evicts, and answers as kube-apiserver does (201 Success; 500 for a pod in more than one budget).
 */
final class EvictionHandler {
    static final String MULTIPLE_BUDGETS =
            "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.";

    private final Evictions evictions;

    EvictionHandler(Evictions evictions) {
        this.evictions = evictions;
    }

    Reply evict(ApiRequest request) {
        ObjectNode eviction = request.objectBody();
        String name = request.pathParam("name");
        if (!name.equals(Meta.text(eviction.path("metadata"), "name"))) {
            throw new ApiException.BadRequest("name in URL does not match name in Eviction object");
        }
        JsonNode options = eviction.get("deleteOptions") instanceof ObjectNode given ? given : Json.object();
        boolean dryRun = request.dryRun() || dryRunAll(options.path("dryRun"));
        return switch (evictions.evict(request.pathParam("namespace"), name, request.deleteOptions(options), dryRun)) {
            case EVICTED -> Reply.created(StatusRenderer.success(201));
            case MULTIPLE_BUDGETS -> new Reply(500, StatusRenderer.failure(500, MULTIPLE_BUDGETS));
        };
    }

    private static boolean dryRunAll(JsonNode dryRun) {
        for (JsonNode value : dryRun) {
            if ("All".equals(value.asText())) {
                return true;
            }
        }
        return false;
    }
}
