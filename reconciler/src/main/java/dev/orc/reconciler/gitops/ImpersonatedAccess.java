package dev.orc.reconciler.gitops;

import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

import java.util.Optional;

/** A GitSource acting as its service account: what RBAC allows that user, through a client that is that user. */
record ImpersonatedAccess(Impersonation impersonation, SourceIdentity identity, ClusterOps cluster) implements SourceAccess {
    @Override
    public Optional<String> refusal(String verb, ManagedRef ref) {
        Optional<ResourceType> type = ResourceTypes.byApiVersionAndKind(ref.apiVersion(), ref.kind());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        return impersonation.refusal(identity, verb, type.get(), type.get().namespaced() ? ref.namespace() : null, ref.name());
    }
}
