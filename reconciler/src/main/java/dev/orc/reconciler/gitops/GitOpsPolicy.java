package dev.orc.reconciler.gitops;

/**
 * The server's GitOps flags: whether GitSources may name {@code file://} URLs and local paths
 * ({@code --gitops-allow-file-urls}, for single-machine clusters and tests), and the service account a source without
 * {@code spec.serviceAccountName} applies as ({@code --gitops-default-service-account}, Flux's
 * {@code --default-service-account}; null: such a source may write only namespaced objects of its own namespace).
 */
public record GitOpsPolicy(boolean allowFileUrls, String defaultServiceAccount) {
    public GitOpsPolicy {
        if (defaultServiceAccount != null && defaultServiceAccount.isBlank()) {
            defaultServiceAccount = null;
        }
    }

    /** No file URLs, no default service account. */
    public static GitOpsPolicy standard() {
        return new GitOpsPolicy(false, null);
    }

    public GitOpsPolicy withFileUrls() {
        return new GitOpsPolicy(true, defaultServiceAccount);
    }

    public GitOpsPolicy withDefaultServiceAccount(String name) {
        return new GitOpsPolicy(allowFileUrls, name);
    }
}
