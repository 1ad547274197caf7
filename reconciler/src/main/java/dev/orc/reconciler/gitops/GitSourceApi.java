package dev.orc.reconciler.gitops;

import dev.orc.api.model.GitSource;
import dev.orc.api.model.GitSourceStatus;
import dev.orc.api.model.Secret;

import java.util.Optional;

/** What the GitSource controller needs of the API besides the managed objects themselves. */
public interface GitSourceApi {
    /** Writes the status subresource, guarded by the source's resourceVersion. */
    void writeStatus(GitSource source, GitSourceStatus status) throws Exception;

    Optional<Secret> secret(String namespace, String name);

    void event(GitSource source, String type, String reason, String message);
}
