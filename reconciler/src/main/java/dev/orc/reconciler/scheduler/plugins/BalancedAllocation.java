package dev.orc.reconciler.scheduler.plugins;

import dev.orc.reconciler.scheduler.framework.NodeInfo;
import dev.orc.reconciler.scheduler.framework.PodInfo;
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
        NodeUsage usage = NodeUsage.withPod(pod, node);
        double deviation = Math.abs(usage.cpuShare() - usage.memoryShare()) / 2;
        return (long) ((1 - deviation) * MAX_SCORE);
    }
}
