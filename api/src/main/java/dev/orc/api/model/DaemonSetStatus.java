package dev.orc.api.model;

import java.util.List;

/** What the daemonset controller observed. */
public record DaemonSetStatus(Integer currentNumberScheduled, Integer numberMisscheduled,
                              Integer desiredNumberScheduled, Integer numberReady, Long observedGeneration,
                              Integer updatedNumberScheduled, Integer numberAvailable, Integer numberUnavailable,
                              Integer collisionCount, @OmitEmpty List<Condition> conditions) {

    public DaemonSetStatus {
        conditions = Immutable.list(conditions);
    }
}
