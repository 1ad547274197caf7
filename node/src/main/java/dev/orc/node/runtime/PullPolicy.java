package dev.orc.node.runtime;

/** When to pull an image, as Kubernetes' imagePullPolicy. */
public enum PullPolicy {
    /** Pull every time; a failed pull is an error even if an older copy is present. */
    ALWAYS,
    /** Pull only if the image is not present. */
    IF_NOT_PRESENT,
    /** Never pull; a missing image is an error. */
    NEVER
}
