package dev.orc.reconciler.scheduler.plugins;

import dev.orc.reconciler.scheduler.framework.Framework;
import dev.orc.reconciler.scheduler.framework.Framework.WeightedScore;

import java.util.List;

/** orc's scheduling profile: Kubernetes' filter order, and score weights in the spirit of its defaults. */
public final class DefaultPlugins {
    private DefaultPlugins() {
    }

    /** The default plugins, sampling large clusters as kube-scheduler does. */
    public static Framework framework() {
        return framework(true);
    }

    /** @param sampleLargeClusters false scores every node of every cluster (see {@link Framework}) */
    public static Framework framework(boolean sampleLargeClusters) {
        return new Framework(
                List.of(new NodeUnschedulable(), new NodeReady(), new TaintToleration(), new NodeAffinity(),
                        new NodePorts(), new NodeResourcesFit()),
                List.of(new WeightedScore(new LeastAllocated(), 1),
                        new WeightedScore(new BalancedAllocation(), 1),
                        new WeightedScore(new OwnerSpread(), 2),
                        new WeightedScore(new PreferredNodeAffinity(), 2)), sampleLargeClusters);
    }
}
