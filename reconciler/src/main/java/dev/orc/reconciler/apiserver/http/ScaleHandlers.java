package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.table.Selectors;
import dev.orc.api.client.PatchType;
import dev.orc.reconciler.apiserver.patch.Patches;
import dev.orc.reconciler.apiserver.patch.UpdateOwnership;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.Meta;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;

import java.time.Clock;
import java.util.List;

/** The {@code /scale} subresource: an autoscaling/v1 Scale view of a workload's replicas. */
final class ScaleHandlers {
    private final ResourceType type;
    private final ObjectRegistry registry;
    private final Clock clock;

    ScaleHandlers(ResourceType type, ObjectRegistry registry, Clock clock) {
        this.type = type;
        this.registry = registry;
        this.clock = clock;
    }

    Reply get(ApiRequest request) {
        return Reply.ok(scaleOf(registry.get(type, request.pathParam("namespace"), request.pathParam("name"))));
    }

    Reply update(ApiRequest request) {
        return Reply.ok(setReplicas(request, request.objectBody()));
    }

    Reply patch(ApiRequest request) {
        PatchType patchType = Patches.typeOf(request.contentType());
        ObjectNode current = scaleOf(registry.get(type, request.pathParam("namespace"), request.pathParam("name")));
        Meta.metadata(current).remove("resourceVersion");
        return Reply.ok(setReplicas(request, Patches.apply(patchType, current, request.jsonBody())));
    }

    private ObjectNode setReplicas(ApiRequest request, ObjectNode scale) {
        JsonNode replicas = scale.path("spec").get("replicas");
        if (replicas == null || !replicas.canConvertToInt() || replicas.asInt() < 0) {
            throw new ApiException.Invalid(type, request.pathParam("name"), List.of(ApiException.Cause.invalid(
                    "spec.replicas", "must be a non-negative integer, got " + (replicas == null ? "nothing" : replicas))));
        }
        String version = Meta.text(scale.get("metadata"), "resourceVersion");
        ObjectNode updated = registry.modify(type, request.pathParam("namespace"), request.pathParam("name"), current -> {
            if (version != null && !version.isEmpty()) {
                Meta.metadata(current).put("resourceVersion", version);
            }
            ((ObjectNode) current.path("spec")).put("replicas", replicas.asInt());
            return current;
        }, ObjectRegistry.Part.MAIN, new UpdateOwnership(type, request.fieldManager(), "scale", clock), request.dryRun());
        return scaleOf(updated);
    }

    static ObjectNode scaleOf(ObjectNode object) {
        ObjectNode scale = Json.object();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        ObjectNode source = Meta.metadata(object);
        for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (source.has(field)) {
                meta.set(field, source.get(field));
            }
        }
        scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", object.path("status").path("replicas").asInt(0));
        status.put("selector", Selectors.selectorString(object.path("spec").path("selector")));
        return scale;
    }
}
