package dev.orc.reconciler.scheduler.plugins;

import dev.orc.api.model.NodeSpec;
import dev.orc.api.model.Taint;
import dev.orc.reconciler.scheduler.framework.FilterPlugin;
import dev.orc.reconciler.scheduler.framework.NodeInfo;
import dev.orc.reconciler.scheduler.framework.PodInfo;
import dev.orc.reconciler.scheduler.framework.Status;

/** Keeps pods off cordoned nodes ({@code spec.unschedulable}) unless they tolerate the unschedulable taint. */
public final class NodeUnschedulable implements FilterPlugin {
    public static final String NAME = "NodeUnschedulable";
    public static final String REASON = "node(s) were unschedulable";
    public static final Taint TAINT = Taint.of("node.kubernetes.io/unschedulable", null, Taint.NO_SCHEDULE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(PodInfo pod, NodeInfo node) {
        NodeSpec spec = node.node().spec();
        if (spec == null || !spec.cordoned() || Tolerations.tolerated(pod, TAINT)) {
            return Status.SUCCESS;
        }
        return Status.unschedulable(NAME, REASON);
    }
}
