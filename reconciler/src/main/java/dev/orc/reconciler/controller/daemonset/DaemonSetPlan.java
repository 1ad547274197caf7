package dev.orc.reconciler.controller.daemonset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.model.DaemonSetStatus;
import dev.orc.api.model.Pod;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One step of a DaemonSet: pods to create (one per node lacking one), pods to delete (misplaced, duplicate, failed,
 * or old ones the rolling update may take down now), the status as observed, and when to look again if only time
 * can change the picture (a pod becoming available after minReadySeconds).
 */
public record DaemonSetPlan(List<ObjectNode> creates, List<Pod> deletes, DaemonSetStatus status,
                            Optional<Duration> recheckAfter) {
    public DaemonSetPlan {
        creates = List.copyOf(creates);
        deletes = List.copyOf(deletes);
    }
}
