package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceTypes;

import java.util.ArrayList;
import java.util.List;

/** The GitSources an {@code orc sync} verb names: one by name, or every one in the namespace. */
final class GitSources {
    private GitSources() {
    }

    /** The named source, or all of the namespace when {@code name} is null; an error line when there is none. */
    static List<ObjectNode> resolve(ApiClient api, String namespace, String name) {
        if (name != null) {
            try {
                return List.of(api.get(ResourceTypes.GIT_SOURCE, namespace, name));
            } catch (ApiException e) {
                if (e.isNotFound()) {
                    throw new ApiException.NotFound("GitSource \"" + name + "\" not found in namespace "
                            + namespace);
                }
                throw e;
            }
        }
        List<ObjectNode> sources = new ArrayList<>();
        api.listAll(ResourceTypes.GIT_SOURCE, namespace, ListOptions.all()).path("items")
                .forEach(item -> sources.add((ObjectNode) item));
        if (sources.isEmpty()) {
            throw new ApiException.NotFound("no GitSources in namespace " + namespace);
        }
        return List.copyOf(sources);
    }

    /** {@code default/apps}. */
    static String key(JsonNode source) {
        return source.path("metadata").path("namespace").asText() + "/" + source.path("metadata").path("name").asText();
    }

    /** {@code gitsource.orc.dev/apps}. */
    static String label(JsonNode source) {
        return ResourceTypes.GIT_SOURCE.qualifiedName() + "/" + source.path("metadata").path("name").asText();
    }

    static String shortCommit(String commit) {
        return commit == null || commit.isEmpty() ? "<none>" : commit.substring(0, Math.min(12, commit.length()));
    }
}
