package dev.orc.reconciler.scheduler.framework;

/** The outcome of one scheduling decision: a node, or why there is none. */
public sealed interface ScheduleResult permits ScheduleResult.Placement, FitError {
    /** The pod goes to {@code nodeName}; {@code feasibleNodes} of {@code allNodes} would have taken it. */
    record Placement(String nodeName, int feasibleNodes, int allNodes) implements ScheduleResult {
    }
}
