package dev.orc.reconciler.controller.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.model.JobStatus;
import dev.orc.api.model.Pod;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One step of a Job: pods to create and delete, the status to report, what to announce as events, whether the Job
 * itself is due for deletion (its ttlSecondsAfterFinished has passed), and when time alone will call for another
 * look (a retry delay ending, the deadline, the TTL).
 */
public record JobPlan(List<ObjectNode> creates, List<Pod> deletes, JobStatus status, List<Note> events,
                      boolean deleteJob, Optional<Duration> recheckAfter) {
    /** An event about the Job. */
    public record Note(String type, String reason, String message) {
    }

    public JobPlan {
        creates = List.copyOf(creates);
        deletes = List.copyOf(deletes);
        events = List.copyOf(events);
    }
}
