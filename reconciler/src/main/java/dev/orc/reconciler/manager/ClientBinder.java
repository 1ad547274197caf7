package dev.orc.reconciler.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Timestamps;
import dev.orc.reconciler.scheduler.Binder;

import java.time.InstantSource;

/** The scheduler's writes: a Binding per placed pod; PodScheduled=False on the pod status when none fits. */
public final class ClientBinder implements Binder {
    private final ApiClient client;
    private final InstantSource clock;

    public ClientBinder(ApiClient client, InstantSource clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public void bind(Pod pod, String nodeName) {
        client.bind(pod.metadata().namespace(), pod.metadata().name(), nodeName);
    }

    @Override
    public void markUnschedulable(Pod pod, String message) {
        ObjectNode live = client.get(ResourceTypes.POD, pod.metadata().namespace(), pod.metadata().name());
        ObjectNode status = live.get("status") instanceof ObjectNode existing ? existing : live.putObject("status");
        ArrayNode conditions = status.get("conditions") instanceof ArrayNode list ? list : status.putArray("conditions");
        ObjectNode condition = null;
        for (JsonNode item : conditions) {
            if ("PodScheduled".equals(item.path("type").asText())) {
                condition = (ObjectNode) item;
            }
        }
        if (condition == null) {
            condition = conditions.addObject().put("type", "PodScheduled");
        }
        if (!"False".equals(condition.path("status").asText())) {
            condition.put("lastTransitionTime", Timestamps.format(clock.instant()));
        }
        condition.put("status", "False").put("reason", UNSCHEDULABLE).put("message", message);
        status.put("phase", "Pending");
        client.updateStatus(ResourceTypes.POD, pod.metadata().namespace(), live);
    }
}
