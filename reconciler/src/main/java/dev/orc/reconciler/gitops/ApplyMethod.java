package dev.orc.reconciler.gitops;

/**
 * How a sync writes the objects it creates and changes. {@link #MERGE_PATCH}: a create, and a JSON merge patch
 * computed three ways from the last applied configuration (kubectl's client-side apply). {@link #SERVER_SIDE_APPLY}:
 * every create and change is an {@code application/apply-patch+yaml} of the whole desired object with field manager
 * {@link ClusterOps#FIELD_MANAGER}, forced on conflicts as Flux forces them; the default
 * ({@link GitOpsPolicy#standard()}). An object a merge patch wrote has its {@code orc-gitops} Update entries moved to
 * the Apply entry before its first apply ({@link ApplyOwnershipUpgrade}).
 */
public enum ApplyMethod {
    MERGE_PATCH,
    SERVER_SIDE_APPLY
}
