package dev.orc.reconciler.scheduler.framework;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * No node fits the pod. {@link #message()} counts the reasons the way Kubernetes does, each reason
 * once per node that gave it, as {@code "<count> <reason>"} strings sorted as strings:
 * {@code 0/3 nodes are available: 2 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: db}.}
 */
public record FitError(int allNodes, Map<String, Status> failedNodes) implements ScheduleResult {
    public static final String NO_NODES = "no nodes available to schedule pods";

    public FitError {
        failedNodes = Map.copyOf(failedNodes);
    }

    public String message() {
        if (allNodes == 0) {
            return NO_NODES;
        }
        Map<String, Integer> counts = new HashMap<>();
        for (Status status : failedNodes.values()) {
            for (String reason : status.reasons()) {
                counts.merge(reason, 1, Integer::sum);
            }
        }
        List<String> parts = new ArrayList<>(counts.size());
        counts.forEach((reason, count) -> parts.add(count + " " + reason));
        parts.sort(null);
        String head = "0/" + allNodes + " nodes are available";
        return parts.isEmpty() ? head + "." : head + ": " + String.join(", ", parts) + ".";
    }
}
