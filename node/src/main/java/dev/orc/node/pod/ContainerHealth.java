package dev.orc.node.pod;

/**
 * What probes say about a running container. Without probes a running container is alive, started and
 * ready; the probe manager (issue 10) implements this from its results and asks the pod workers to
 * sync again when a result changes.
 */
public interface ContainerHealth {

    ContainerHealth RUNNING_IS_HEALTHY = new ContainerHealth() {
    };

    /** False once a liveness probe failed enough times: the worker then stops the container. */
    default boolean alive(String podUid, ObservedContainer container) {
        return true;
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
