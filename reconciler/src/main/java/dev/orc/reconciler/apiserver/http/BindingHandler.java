package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.Meta;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;

import java.time.Clock;
import java.util.List;

/**
 * Binding a pod to a node (POST of a v1 Binding to {@code pods/{name}/binding} or {@code bindings}): sets
 * {@code spec.nodeName} and the PodScheduled condition; a pod already bound is a Conflict.
 */
public final class BindingHandler {
    private final ObjectRegistry registry;
    private final Clock clock;

    public BindingHandler(ObjectRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    Reply bind(ApiRequest request) {
        ObjectNode binding = request.objectBody();
        String name = request.pathParam("name") != null ? request.pathParam("name") : Meta.name(binding);
        JsonNode target = binding.path("target");
        String node = Meta.text(target, "name");
        if (name == null || node == null || node.isEmpty()) {
            throw new ApiException.Invalid(ResourceTypes.POD, name, List.of(
                    ApiException.Cause.invalid(node == null || node.isEmpty() ? "target.name" : "metadata.name",
                            "Required value")));
        }
        String kind = Meta.text(target, "kind");
        if (kind != null && !kind.isEmpty() && !kind.equals("Node")) {
            throw new ApiException.Invalid(ResourceTypes.POD, name, List.of(
                    ApiException.Cause.invalid("target.kind", "must be Node, got \"" + kind + "\"")));
        }
        String namespace = request.pathParam("namespace");
        registry.modifyAdmitted(ResourceTypes.POD, namespace, name, pod -> {
            String bound = Meta.text(pod.path("spec"), "nodeName");
            if (bound != null && !bound.isEmpty()) {
                throw new ApiException.Conflict(ResourceTypes.POD, name, "pod " + name + " is already assigned to node \""
                        + bound + "\"");
            }
            if (Meta.terminating(pod)) {
                throw new ApiException.Conflict(ResourceTypes.POD, name, "pod " + name + " is being deleted, cannot be assigned to a host");
            }
            ((ObjectNode) pod.path("spec")).put("nodeName", node);
            markScheduled(pod);
            return pod;
        }, request.dryRun());
        return Reply.created(StatusRenderer.success(201));
    }

    private void markScheduled(ObjectNode pod) {
        ObjectNode status = pod.get("status") instanceof ObjectNode s ? s : pod.putObject("status");
        ArrayNode conditions = status.get("conditions") instanceof ArrayNode c ? c : status.putArray("conditions");
        for (int i = conditions.size() - 1; i >= 0; i--) {
            if ("PodScheduled".equals(Meta.text(conditions.get(i), "type"))) {
                conditions.remove(i);
            }
        }
        conditions.add(Json.object().put("type", "PodScheduled").put("status", "True")
                .put("lastTransitionTime", Meta.timestamp(clock.instant())));
    }
}
