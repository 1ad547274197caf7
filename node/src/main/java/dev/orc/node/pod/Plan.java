package dev.orc.node.pod;

import dev.orc.api.model.ContainerState;
import dev.orc.api.model.Pod;

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

    /** The runtime names of the containers the plan starts for {@code pod}. */
    public List<String> started(Pod pod) {
        return actions.stream().<String>mapMulti((action, names) -> {
            switch (action) {
                case PodAction.StartInfra s -> names.accept(PodLabels.containerName(pod, PodLabels.INFRA_NAME, s.attempt()));
                case PodAction.StartContainer s -> names.accept(PodLabels.containerName(pod, s.container().name(),
                        s.restartCount()));
                case PodAction.StartAlone s -> names.accept(PodLabels.containerName(pod, s.container().name(),
                        s.restartCount()));
                default -> { }
            }
        }).toList();
    }
}
