package dev.orc.reconciler.scheduler;

import dev.orc.api.model.Pod;

/** Records an Event about a pod ({@code Scheduled}, {@code FailedScheduling}); must not throw. */
public interface EventRecorder {
    String SCHEDULED = "Scheduled";
    String FAILED_SCHEDULING = "FailedScheduling";

    /** {@code type} is {@code Normal} or {@code Warning}, as in {@link dev.orc.api.model.Event}. */
    void event(Pod pod, String type, String reason, String message);
}
