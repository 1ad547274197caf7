package dev.orc.cli;

import dev.orc.api.gitops.Ownership;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

import java.util.Optional;

/**
 * Keeps the CLI from changing by hand what Git owns: an object that a GitSource with selfHeal manages would be
 * put back within seconds, so {@code apply}, {@code scale}, {@code set image} and {@code delete} refuse to touch
 * it unless the user passes {@code --force}.
 */
final class GitOpsGuard {
    /**
     * The GitSource ({@code namespace/name}) managing an object, whether it self-heals (selfHeal on and not
     * suspended), and the commit it applied last.
     */
    record Manager(String source, boolean selfHeal, String lastAppliedCommit) {
    }

    /** Refusal to change a self-healed object, worded for the person at the terminal. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private GitOpsGuard() {
    }

    /**
     * Throws {@link Refused} when {@code live} (the object as stored, of {@code type}) is managed by a GitSource
     * with selfHeal on and {@code force} is false; returns quietly otherwise, also when the source is gone.
     */
    static void check(ApiClient client, ResourceType type, JsonNode live, boolean force) {
        if (force) {
            return;
        }
        managerOf(client, live).filter(Manager::selfHeal).ifPresent(manager -> {
            throw new Refused(type.qualifiedName() + "/" + live.path("metadata").path("name").asText()
                    + " is managed by GitSource " + manager.source() + " (selfHeal on); change it in Git, or pass --force");
        });
    }

    /** The GitSource named by the object's {@code orc.dev/gitsource} annotation, when it still exists. */
    static Optional<Manager> managerOf(ApiClient client, JsonNode object) {
        Optional<String> owner = Ownership.owner(object);
        if (owner.isEmpty() || owner.get().indexOf('/') <= 0) {
            return Optional.empty();
        }
        String source = owner.get();
        int slash = source.indexOf('/');
        ObjectNode gitSource;
        try {
            gitSource = client.get(ResourceTypes.GIT_SOURCE, source.substring(0, slash), source.substring(slash + 1));
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
        boolean selfHeal = gitSource.path("spec").path("selfHeal").asBoolean(true)
                && !gitSource.path("spec").path("suspend").asBoolean(false);
        String applied = gitSource.path("status").path("lastAppliedCommit").asText("");
        return Optional.of(new Manager(source, selfHeal, applied));
    }
}
