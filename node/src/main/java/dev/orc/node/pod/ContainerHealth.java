package dev.orc.node.pod;

import dev.orc.api.model.Pod;

import java.time.Duration;
import java.util.Optional;

/**
 * What probes say about a running container. Without probes a running container is alive, started and
 * ready; the probe manager ({@code dev.orc.node.probe.ProbeManager}) implements this from its results and
 * asks the pod workers to sync again when a result changes.
 */
public interface ContainerHealth {

    ContainerHealth RUNNING_IS_HEALTHY = new ContainerHealth() {
    };

    /** Told after every sync what runs for the pod now, so that probes start for new containers and stop for gone ones. */
    default void observe(Pod pod, ObservedPod observed) {
    }

    /** The pod is gone or going: its probes stop. */
    default void forget(String podUid) {
    }

    /** False once a liveness probe failed enough times: the worker then stops the container. */
    default boolean alive(String podUid, ObservedContainer container) {
        return true;
    }

    /** The grace period of a kill for a failed probe, when the probe sets its own terminationGracePeriodSeconds. */
    default Optional<Duration> killGrace(String podUid, ObservedContainer container) {
        return Optional.empty();
    }

    /** Whether the startup probe (if any) has succeeded. */
    default boolean started(String podUid, ObservedContainer container) {
        return container.running();
    }

    /** Whether the readiness probe (if any) passes. */
    default boolean ready(String podUid, ObservedContainer container) {
        return container.running();
    }
}
