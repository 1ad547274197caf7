package dev.orc.reconciler.scheduler.plugins;

import dev.orc.reconciler.scheduler.framework.NodeInfo;
import dev.orc.reconciler.scheduler.framework.PodInfo;
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
        NodeUsage usage = NodeUsage.withPod(pod, node);
        return (usage.cpuFreeScore() + usage.memoryFreeScore()) / 2;
    }
}
