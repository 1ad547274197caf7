package dev.orc.cli.server;

import dev.orc.reconciler.gitops.GitOpsPolicy;
import picocli.CommandLine.Option;

/** {@code orc server}'s GitOps flags, named as Flux names its own where it has one. */
public final class GitOpsFlags {
    @Option(names = "--gitops-default-service-account", paramLabel = "NAME",
            description = "GitSources without spec.serviceAccountName apply as this service account of their namespace"
                    + " (default: none; such a source may write only namespaced objects of its own namespace).")
    String defaultServiceAccount;

    @Option(names = "--gitops-allow-file-urls",
            description = "Let GitSources fetch file:// URLs and local paths from this server's disk (orc up allows them).")
    boolean allowFileUrls;

    public GitOpsPolicy policy() {
        return new GitOpsPolicy(allowFileUrls, defaultServiceAccount);
    }
}
