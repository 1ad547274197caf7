package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;

/**
 * {@code orc apply --server-side}: each object sent whole as an apply patch under a field manager; the server merges
 * it, records who owns which field and refuses (409) to change a field another manager owns unless forced.
 */
final class ServerSideApplier {
    private final ApiClient client;
    private final WriteOptions options;

    ServerSideApplier(ApiClient client, String fieldManager, boolean forceConflicts, boolean serverDryRun) {
        this.client = client;
        this.options = (serverDryRun ? WriteOptions.serverDryRun() : WriteOptions.defaults())
                .withFieldManager(fieldManager).withForce(forceConflicts);
    }

    /** {@code serverside-applied}, as kubectl says; {@code unchanged} when the object stayed as it was. */
    String apply(ResourceType type, String namespace, ObjectNode wanted) {
        ObjectNode desired = wanted.deepCopy();
        if (namespace != null) {
            ((ObjectNode) desired.get("metadata")).put("namespace", namespace);
        }
        String name = desired.path("metadata").path("name").asText();
        ObjectNode before = client.find(type, namespace, name).orElse(null);
        ObjectNode after = client.patch(type, namespace, name, PatchType.APPLY, desired, options);
        return before != null && Json.same(before, after) ? "unchanged" : "serverside-applied";
    }
}
