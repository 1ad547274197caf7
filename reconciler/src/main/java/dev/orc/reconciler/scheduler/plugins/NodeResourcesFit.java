package dev.orc.reconciler.scheduler.plugins;

import dev.orc.reconciler.scheduler.framework.FilterPlugin;
import dev.orc.reconciler.scheduler.framework.NodeInfo;
import dev.orc.reconciler.scheduler.framework.PodInfo;
import dev.orc.reconciler.scheduler.framework.Resources;
import dev.orc.reconciler.scheduler.framework.Status;

import java.util.ArrayList;
import java.util.List;

/**
 * The pod's requests must fit in what the node has allocatable minus what its pods already request,
 * and the node must allow one more pod. Every shortage is named; a pod that requests none of a
 * resource always fits on that resource.
 */
public final class NodeResourcesFit implements FilterPlugin {
    public static final String NAME = "NodeResourcesFit";
    public static final String TOO_MANY_PODS = "Too many pods";
    public static final String INSUFFICIENT_CPU = "Insufficient cpu";
    public static final String INSUFFICIENT_MEMORY = "Insufficient memory";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(PodInfo pod, NodeInfo node) {
        Resources wanted = pod.requests();
        Resources free = new Resources(node.allocatable().milliCpu() - node.requested().milliCpu(),
                node.allocatable().memory() - node.requested().memory());
        boolean tooMany = node.podCount() + 1 > node.allowedPods();
        boolean cpu = wanted.milliCpu() > 0 && wanted.milliCpu() > free.milliCpu();
        boolean memory = wanted.memory() > 0 && wanted.memory() > free.memory();
        if (!tooMany && !cpu && !memory) {
            return Status.SUCCESS;
        }
        List<String> reasons = new ArrayList<>(3);
        if (tooMany) {
            reasons.add(TOO_MANY_PODS);
        }
        if (cpu) {
            reasons.add(INSUFFICIENT_CPU);
        }
        if (memory) {
            reasons.add(INSUFFICIENT_MEMORY);
        }
        return Status.unschedulable(NAME, reasons);
    }
}
