package dev.orc.reconciler.scheduler.framework;

/** Decides whether a pod may run on one node, looking only at its arguments. */
public interface FilterPlugin {
    String name();

    Status filter(PodInfo pod, NodeInfo node);
}
