package dev.orc.reconciler.scheduler.plugins;

import dev.orc.reconciler.scheduler.framework.NodeInfo;
import dev.orc.reconciler.scheduler.framework.PodInfo;
import dev.orc.reconciler.scheduler.framework.Resources;
import dev.orc.reconciler.scheduler.framework.ScorePlugin;
import dev.orc.reconciler.scheduler.framework.Snapshot;

/**
 * Prefers the node where, with the pod placed, cpu and memory are used in the most equal shares, so
 * neither is left stranded: {@code (1 - |cpuShare - memoryShare| / 2) * 100}, shares capped at 1.
 */
public final class BalancedAllocation implements ScorePlugin {
    public static final String NAME = "NodeResourcesBalancedAllocation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(PodInfo pod, NodeInfo node, Snapshot snapshot) {
        Resources requested = node.nonZeroRequested().plus(pod.nonZeroRequests());
        Resources allocatable = node.allocatable();
        double cpu = share(requested.milliCpu(), allocatable.milliCpu());
        double memory = share(requested.memory(), allocatable.memory());
        double deviation = Math.abs(cpu - memory) / 2;
        return (long) ((1 - deviation) * MAX_SCORE);
    }

    private static double share(long requested, long allocatable) {
        if (allocatable <= 0) {
            return 1;
        }
        return Math.min(1.0, (double) requested / allocatable);
    }
}
