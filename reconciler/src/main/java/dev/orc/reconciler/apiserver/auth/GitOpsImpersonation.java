package dev.orc.reconciler.apiserver.auth;

import dev.orc.api.client.ApiClient;
import dev.orc.api.meta.ResourceType;
import dev.orc.reconciler.gitops.Impersonation;
import dev.orc.reconciler.gitops.SourceIdentity;

import java.util.Optional;

/**
 * GitSources acting as their service accounts through this server's authorizer: RBAC judges every request of theirs
 * (without RBAC, a server for tests and tools, everyone may do everything), and admission runs for them.
 */
public final class GitOpsImpersonation implements Impersonation {
    private final Authorizer authorizer;

    /** {@code authorizer} null: a server without RBAC, where nothing is refused. */
    public GitOpsImpersonation(Authorizer authorizer) {
        this.authorizer = authorizer != null ? authorizer
                : (user, request) -> new RbacAuthorizer.Decision(true, "no authorizer: everyone may do everything");
    }

    @Override
    public ApiClient client(ApiClient base, SourceIdentity who) {
        return base.through(transport -> new ImpersonatingTransport(transport, authorizer, user(who)));
    }

    @Override
    public Optional<String> refusal(SourceIdentity who, String verb, ResourceType type, String namespace, String name) {
        RbacAuthorizer.Decision decision = authorizer.authorize(user(who),
                RequestAttributes.resource(verb, type.group(), type.plural(), null, namespace, name));
        return decision.allowed() ? Optional.empty() : Optional.of(decision.reason());
    }

    private static UserInfo user(SourceIdentity who) {
        return new UserInfo(who.user(), "", who.groups());
    }
}
