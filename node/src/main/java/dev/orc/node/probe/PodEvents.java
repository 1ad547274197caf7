package dev.orc.node.probe;

import dev.orc.api.model.Pod;

import java.time.Instant;

/** Where the probes report what happened to a pod (Unhealthy, Killing), as Events on it. */
@FunctionalInterface
public interface PodEvents {
    void record(Pod pod, String type, String reason, String message, Instant at);
}
