package dev.orc.node.pod;

import dev.orc.api.model.ContainerState;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one sync of a pod does: the actions in order, why containers wait (CrashLoopBackOff,
 * ImagePullBackOff...), and when the worker should look again at the latest.
 */
public record Plan(List<PodAction> actions, Map<String, ContainerState.Waiting> waiting, Optional<Instant> wakeAt) {

    public Plan {
        actions = List.copyOf(actions);
        waiting = Map.copyOf(waiting);
    }

    public boolean idle() {
        return actions.isEmpty();
    }
}
