package dev.orc.reconciler.controller.nodelifecycle;

/**
 * Deletes a pod with a chosen grace period, which the general {@code ObjectWriter} does not offer: the node
 * lifecycle controller force-deletes (grace 0) pods of a node that can no longer confirm they stopped, and drain
 * deletes with the pod's own grace period ({@code null}) or the one the user gave.
 */
@FunctionalInterface
public interface PodDeleter {
    /** Deletes the pod if it still has {@code uid}; a pod already gone is not an error. */
    void delete(String namespace, String name, String uid, Long gracePeriodSeconds);
}
