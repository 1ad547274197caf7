package dev.orc.reconciler.gitops;

/**
 * The server's GitOps flags: whether GitSources may name {@code file://} URLs and local paths
 * ({@code --gitops-allow-file-urls}, for single-machine clusters and tests), and the service account a source without
 * {@code spec.serviceAccountName} applies as ({@code --gitops-default-service-account}, Flux's
 * {@code --default-service-account}; null: such a source may write only namespaced objects of its own namespace), and
 * how syncs write objects ({@code apply}; server-side apply unless told otherwise, as Flux writes).
 */
public record GitOpsPolicy(boolean allowFileUrls, String defaultServiceAccount, ApplyMethod apply) {
    public GitOpsPolicy {
        if (defaultServiceAccount != null && defaultServiceAccount.isBlank()) {
            defaultServiceAccount = null;
        }
        java.util.Objects.requireNonNull(apply, "apply");
    }

    public GitOpsPolicy(boolean allowFileUrls, String defaultServiceAccount) {
        this(allowFileUrls, defaultServiceAccount, ApplyMethod.SERVER_SIDE_APPLY);
    }

    /** No file URLs, no default service account, server-side apply. */
    public static GitOpsPolicy standard() {
        return new GitOpsPolicy(false, null);
    }

    public GitOpsPolicy withFileUrls() {
        return new GitOpsPolicy(true, defaultServiceAccount, apply);
    }

    public GitOpsPolicy withDefaultServiceAccount(String name) {
        return new GitOpsPolicy(allowFileUrls, name, apply);
    }

    public GitOpsPolicy withApply(ApplyMethod method) {
        return new GitOpsPolicy(allowFileUrls, defaultServiceAccount, method);
    }
}
