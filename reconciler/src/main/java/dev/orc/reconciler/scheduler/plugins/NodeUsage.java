package dev.orc.reconciler.scheduler.plugins;

import dev.orc.reconciler.scheduler.framework.NodeInfo;
import dev.orc.reconciler.scheduler.framework.PodInfo;
import dev.orc.reconciler.scheduler.framework.Resources;
import dev.orc.reconciler.scheduler.framework.ScorePlugin;

/**
 * A node's cpu and memory as the resource scores see them, with the pod placed: requests (defaulted as Kubernetes
 * does when scoring, for containers that name none) against allocatable.
 */
record NodeUsage(Resources requested, Resources allocatable) {

    static NodeUsage withPod(PodInfo pod, NodeInfo node) {
        return new NodeUsage(node.nonZeroRequested().plus(pod.nonZeroRequests()), node.allocatable());
    }

    /** The share of cpu in use, 0 to 1; a node with no cpu to give counts as full. */
    double cpuShare() {
        return share(requested.milliCpu(), allocatable.milliCpu());
    }

    /** The share of memory in use, 0 to 1; a node with no memory to give counts as full. */
    double memoryShare() {
        return share(requested.memory(), allocatable.memory());
    }

    /** The cpu left, as a score from 0 to {@link ScorePlugin#MAX_SCORE}; 0 when overcommitted. */
    long cpuFreeScore() {
        return freeScore(requested.milliCpu(), allocatable.milliCpu());
    }

    /** The memory left, as a score from 0 to {@link ScorePlugin#MAX_SCORE}; 0 when overcommitted. */
    long memoryFreeScore() {
        return freeScore(requested.memory(), allocatable.memory());
    }

    private static double share(long requested, long allocatable) {
        if (allocatable <= 0) {
            return 1;
        }
        return Math.min(1.0, (double) requested / allocatable);
    }

    private static long freeScore(long requested, long allocatable) {
        if (allocatable <= 0 || requested > allocatable) {
            return 0;
        }
        return (allocatable - requested) * ScorePlugin.MAX_SCORE / allocatable;
    }
}
