package dev.orc.reconciler.gitops;

import dev.orc.api.client.ApiClient;
import dev.orc.api.model.GitSource;

import java.util.Optional;

/**
 * Decides who each GitSource acts as: the service account it names (else the server's default one), impersonated
 * through the API; without either, the server's own client confined to the source's namespace.
 */
public final class SourceAccesses {
    private final ApiClient client;
    private final GitOpsPolicy policy;
    private final Impersonation impersonation;

    public SourceAccesses(ApiClient client, GitOpsPolicy policy, Impersonation impersonation) {
        this.client = client;
        this.policy = policy;
        this.impersonation = impersonation;
    }

    public SourceAccess of(GitSource source) {
        String namespace = source.metadata().namespace();
        return identity(source).<SourceAccess>map(who -> new ImpersonatedAccess(impersonation, who,
                        new ClusterOps(impersonation.client(client, who), policy.apply())))
                .orElseGet(() -> new NamespaceScope(namespace + "/" + source.metadata().name(), namespace,
                        new ClusterOps(client, policy.apply())));
    }

    /** The service account the source applies as, if any: its own {@code spec.serviceAccountName}, else the default. */
    public Optional<SourceIdentity> identity(GitSource source) {
        String named = source.spec().serviceAccountName();
        String account = named != null && !named.isEmpty() ? named : policy.defaultServiceAccount();
        return Optional.ofNullable(account).map(name -> SourceIdentity.serviceAccount(source.metadata().namespace(), name));
    }

    public GitOpsPolicy policy() {
        return policy;
    }
}
