package dev.orc.reconciler.scheduler;

import dev.orc.api.model.Pod;

/**
 * The scheduler's writes to the API. Implemented over the API client: {@link #bind} as
 * {@code POST /api/v1/namespaces/{ns}/pods/{name}/binding}, {@link #markUnschedulable} as a
 * {@code PATCH} of the pod's status with condition {@code PodScheduled=False}, reason {@code Unschedulable}.
 * Both may be called from several threads at once; a failure is an exception.
 */
public interface Binder {
    String UNSCHEDULABLE = "Unschedulable";

    void bind(Pod pod, String nodeName) throws Exception;

    void markUnschedulable(Pod pod, String message) throws Exception;
}
