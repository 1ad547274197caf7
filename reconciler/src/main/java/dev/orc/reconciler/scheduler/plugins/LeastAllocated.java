package dev.orc.reconciler.scheduler.plugins;

import dev.orc.reconciler.scheduler.framework.NodeInfo;
import dev.orc.reconciler.scheduler.framework.PodInfo;
import dev.orc.reconciler.scheduler.framework.Resources;
import dev.orc.reconciler.scheduler.framework.ScorePlugin;
import dev.orc.reconciler.scheduler.framework.Snapshot;

/**
 * Prefers the node with the most room left after the pod: per resource {@code (allocatable - requested) * 100 / allocatable}
 * with the pod counted, averaged over cpu and memory. Requests default as when scoring in Kubernetes
 * (100m cpu, 200Mi memory per container that names none), so pods that request nothing still spread.
 */
public final class LeastAllocated implements ScorePlugin {
    public static final String NAME = "NodeResourcesLeastAllocated";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(PodInfo pod, NodeInfo node, Snapshot snapshot) {
        Resources requested = node.nonZeroRequested().plus(pod.nonZeroRequests());
        Resources allocatable = node.allocatable();
        return (free(requested.milliCpu(), allocatable.milliCpu()) + free(requested.memory(), allocatable.memory())) / 2;
    }

    static long free(long requested, long allocatable) {
        if (allocatable <= 0 || requested > allocatable) {
            return 0;
        }
        return (allocatable - requested) * MAX_SCORE / allocatable;
    }
}
