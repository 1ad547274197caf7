package dev.orc.cli.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;

/** Creates (or points at the given repository) the GitSource that {@code --git} names, in namespace default. */
final class BootstrapSource {
    static final String NAMESPACE = "default";

    private BootstrapSource() {
    }

    static String ensure(ApiClient client, GitFlag flag) {
        String name = flag.sourceName();
        ObjectNode spec = Json.object().put("url", flag.url()).put("path", flag.path());
        ObjectNode ref = spec.putObject("ref");
        if (flag.branch() != null) {
            ref.put("branch", flag.branch());
        } else if (flag.tag() != null) {
            ref.put("tag", flag.tag());
        } else if (flag.commit() != null) {
            ref.put("commit", flag.commit());
        } else {
            spec.remove("ref");
        }
        try {
            client.get(ResourceTypes.GIT_SOURCE, NAMESPACE, name);
            ObjectNode patch = Json.object();
            patch.set("spec", spec);
            if (!spec.has("ref")) {
                ((ObjectNode) patch.get("spec")).putNull("ref");
            }
            client.patch(ResourceTypes.GIT_SOURCE, NAMESPACE, name, PatchType.MERGE, patch, WriteOptions.defaults());
        } catch (ApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
            ObjectNode source = Json.object().put("apiVersion", "orc.dev/v1").put("kind", "GitSource");
            source.putObject("metadata").put("name", name).put("namespace", NAMESPACE);
            source.set("spec", spec);
            client.create(ResourceTypes.GIT_SOURCE, NAMESPACE, source, WriteOptions.defaults());
        }
        return NAMESPACE + "/" + name;
    }
}
