package dev.orc.reconciler.gitops;

import dev.orc.api.client.ApiClient;
import dev.orc.api.meta.ResourceType;

import java.util.Optional;

/**
 * How the API lets a GitSource act as its identity without a token: the API server authorizes each request as that
 * user (RBAC) and runs its admission (escalation checks, Pod Security) for them.
 */
public interface Impersonation {
    /** {@code base}'s requests, made as {@code who}: each one authorized as theirs, a refusal thrown as a 403. */
    ApiClient client(ApiClient base, SourceIdentity who);

    /**
     * Why {@code who} may not {@code verb} the object, in kube-apiserver's 403 wording; empty when they may. Nothing
     * is sent: the sync asks this of every object before it writes any.
     */
    Optional<String> refusal(SourceIdentity who, String verb, ResourceType type, String namespace, String name);
}
