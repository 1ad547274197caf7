package dev.orc.reconciler.scheduler.plugins;

import dev.orc.api.model.Taint;
import dev.orc.reconciler.scheduler.framework.FilterPlugin;
import dev.orc.reconciler.scheduler.framework.NodeInfo;
import dev.orc.reconciler.scheduler.framework.PodInfo;
import dev.orc.reconciler.scheduler.framework.Status;

/**
 * Keeps pods off nodes whose {@code Ready} condition is not {@code True} (absent counts as not ready),
 * unless they tolerate the not-ready taint, as DaemonSet pods do.
 */
public final class NodeReady implements FilterPlugin {
    public static final String NAME = "NodeReady";
    public static final String REASON = "node(s) were not ready";
    public static final String NOT_READY_KEY = "node.kubernetes.io/not-ready";
    private static final Taint NO_SCHEDULE = Taint.of(NOT_READY_KEY, null, Taint.NO_SCHEDULE);
    private static final Taint NO_EXECUTE = Taint.of(NOT_READY_KEY, null, Taint.NO_EXECUTE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(PodInfo pod, NodeInfo node) {
        if (node.ready()) {
            return Status.SUCCESS;
        }
        if (Tolerations.tolerated(pod, NO_SCHEDULE) || Tolerations.tolerated(pod, NO_EXECUTE)) {
            return Status.SUCCESS;
        }
        return Status.unschedulable(NAME, REASON);
    }
}
