package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;

/** Sets a GitSource's {@code spec.suspend}, for {@code orc sync suspend} and {@code orc sync resume}. */
final class SyncSuspension {
    private SyncSuspension() {
    }

    /** {@code gitsource.orc.dev/apps suspended}, or {@code ... already suspended} when there was nothing to change. */
    static String set(ClientOptions client, String name, boolean suspend) {
        ApiClient api = client.client();
        ObjectNode source = GitSources.resolve(api, client.namespace(), name).get(0);
        String done = suspend ? "suspended" : "resumed";
        if (source.path("spec").path("suspend").asBoolean(false) == suspend) {
            return GitSources.label(source) + " already " + (suspend ? "suspended" : "active");
        }
        ObjectNode patch = Json.object();
        if (suspend) {
            patch.putObject("spec").put("suspend", true);
        } else {
            patch.putObject("spec").putNull("suspend");
        }
        api.patch(ResourceTypes.GIT_SOURCE, client.namespace(), name, PatchType.MERGE, patch, WriteOptions.defaults());
        return GitSources.label(source) + " " + done;
    }
}
