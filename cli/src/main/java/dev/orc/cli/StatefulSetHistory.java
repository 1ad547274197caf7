package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceTypes;

import java.util.ArrayList;
import java.util.List;

/** The ControllerRevisions of a namespace, where its StatefulSets' histories are. */
final class StatefulSetHistory {
    private StatefulSetHistory() {
    }

    static List<JsonNode> revisions(ApiClient client, String namespace) {
        List<JsonNode> revisions = new ArrayList<>();
        client.listAll(ResourceTypes.CONTROLLER_REVISION, namespace, ListOptions.all()).path("items")
                .forEach(revisions::add);
        return List.copyOf(revisions);
    }
}
