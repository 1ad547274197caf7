package dev.orc.reconciler.scheduler.plugins;

import dev.orc.reconciler.scheduler.framework.FilterPlugin;
import dev.orc.reconciler.scheduler.framework.HostPort;
import dev.orc.reconciler.scheduler.framework.NodeInfo;
import dev.orc.reconciler.scheduler.framework.PodInfo;
import dev.orc.reconciler.scheduler.framework.Status;

/** A node must have every host port the pod asks for free (same protocol and port, overlapping address). */
public final class NodePorts implements FilterPlugin {
    public static final String NAME = "NodePorts";
    public static final String REASON = "node(s) didn't have free ports for the requested pod ports";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(PodInfo pod, NodeInfo node) {
        for (HostPort port : pod.hostPorts()) {
            if (node.hostPortInUse(port)) {
                return Status.unschedulable(NAME, REASON);
            }
        }
        return Status.SUCCESS;
    }
}
