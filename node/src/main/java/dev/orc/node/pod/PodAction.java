package dev.orc.node.pod;

import dev.orc.api.model.Container;

import java.time.Duration;

/** One step a pod worker takes toward the desired pod; produced by {@link PodPlanner}, performed by {@link PodExecutor}. */
public sealed interface PodAction {

    /** Create and start attempt {@code attempt} of the infra container, publishing the pod's ports. */
    record StartInfra(int attempt) implements PodAction {
    }

    /** Create and start attempt {@code restartCount} of a container inside the infra container's network. */
    record StartContainer(Container container, ContainerRole role, int restartCount) implements PodAction {
    }

    /**
     * Create and start attempt {@code restartCount} of the pod's only container on a network of its own
     * ({@link NetworkHolder#CONTAINER}): it publishes the pod's ports and carries its DNS settings and hostname.
     */
    record StartAlone(Container container, int restartCount) implements PodAction {
    }

    /** Stop one running container: SIGTERM, then SIGKILL after the grace period. */
    record Stop(ObservedContainer container, Duration grace) implements PodAction {
    }

    /** Stop every running container of the pod at once, the infra container (if any) last. */
    record StopAll(Duration grace) implements PodAction {
    }

    record Remove(ObservedContainer container) implements PodAction {
    }

    /** Remove every container of the pod. */
    record RemoveAll() implements PodAction {
    }

    /** Delete the pod object with grace 0: its containers are gone. */
    record DeletePod() implements PodAction {
    }
}
