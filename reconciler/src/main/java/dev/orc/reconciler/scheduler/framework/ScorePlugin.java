package dev.orc.reconciler.scheduler.framework;

/**
 * Ranks the nodes a pod fits on. {@link #score} gives a raw score per node; {@link #normalize} then
 * sees all of them at once (a plugin whose score is relative, like spreading, maps them there) and
 * leaves every score within 0..100.
 */
public interface ScorePlugin {
    int MAX_SCORE = 100;

    String name();

    long score(PodInfo pod, NodeInfo node, Snapshot snapshot);

    /** Maps raw scores of the feasible nodes to 0..100 in place; by default they already are. */
    default void normalize(PodInfo pod, long[] scores) {
    }
}
