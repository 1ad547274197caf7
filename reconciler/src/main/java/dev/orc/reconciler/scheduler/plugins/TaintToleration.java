package dev.orc.reconciler.scheduler.plugins;

import dev.orc.api.model.NodeSpec;
import dev.orc.api.model.Taint;
import dev.orc.reconciler.scheduler.framework.FilterPlugin;
import dev.orc.reconciler.scheduler.framework.NodeInfo;
import dev.orc.reconciler.scheduler.framework.PodInfo;
import dev.orc.reconciler.scheduler.framework.Status;

/**
 * Keeps a pod off a node with a {@code NoSchedule} or {@code NoExecute} taint it does not tolerate,
 * naming the first such taint. {@code PreferNoSchedule} taints never reject a node.
 */
public final class TaintToleration implements FilterPlugin {
    public static final String NAME = "TaintToleration";
    public static final String REASON_PREFIX = "node(s) had untolerated taint ";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(PodInfo pod, NodeInfo node) {
        NodeSpec spec = node.node().spec();
        if (spec == null) {
            return Status.SUCCESS;
        }
        for (Taint taint : spec.taints()) {
            boolean keepsOff = Taint.NO_SCHEDULE.equals(taint.effect()) || Taint.NO_EXECUTE.equals(taint.effect());
            if (keepsOff && !Tolerations.tolerated(pod, taint)) {
                return Status.unschedulable(NAME, reason(taint));
            }
        }
        return Status.SUCCESS;
    }

    /** {@code node(s) had untolerated taint {dedicated: db}}. */
    public static String reason(Taint taint) {
        return REASON_PREFIX + taint.describe();
    }
}
