package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;

/** Marks a node (un)schedulable through {@code spec.unschedulable}, as {@code kubectl cordon} and {@code uncordon} do. */
final class NodeCordon {
    private NodeCordon() {
    }

    /** {@code node/n1 cordoned}, or {@code node/n1 already cordoned} when there was nothing to change. */
    static String set(ApiClient api, String node, boolean unschedulable) {
        ObjectNode live = api.get(ResourceTypes.NODE, null, node);
        String done = unschedulable ? "cordoned" : "uncordoned";
        if (live.path("spec").path("unschedulable").asBoolean(false) == unschedulable) {
            return "node/" + node + " already " + done;
        }
        ObjectNode patch = Json.object();
        if (unschedulable) {
            patch.putObject("spec").put("unschedulable", true);
        } else {
            patch.putObject("spec").putNull("unschedulable");
        }
        api.patch(ResourceTypes.NODE, null, node, PatchType.MERGE, patch, WriteOptions.defaults());
        return "node/" + node + " " + done;
    }
}
