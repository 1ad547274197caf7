package dev.orc.reconciler.gitops;

import java.util.Optional;

/** What one GitSource may do to the cluster, and the cluster as it reads and writes it. */
public interface SourceAccess {
    /** Why the source may not {@code verb} ({@code get}, {@code create}, {@code patch}, {@code delete}) the object; empty when it may. */
    Optional<String> refusal(String verb, ManagedRef ref);

    /** The cluster as this source reads and writes it. */
    ClusterOps cluster();
}
