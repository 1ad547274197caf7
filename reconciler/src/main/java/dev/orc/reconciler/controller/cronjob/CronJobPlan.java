package dev.orc.reconciler.controller.cronjob;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.model.CronJobStatus;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One step of a CronJob: the active Jobs to delete before a new one starts (concurrencyPolicy Replace), the Job to
 * start, the finished Jobs past the history limits, the status to report (before the new Job is added to it), what to
 * announce as events, and when the next scheduled time calls for another look.
 */
public record CronJobPlan(CronJobStatus status, List<Note> events, List<ObjectReference> replace,
                          Optional<Launch> launch, List<ObjectReference> prune, Optional<Duration> requeueAfter) {
    /** An event about the CronJob. */
    public record Note(String type, String reason, String message) {
    }

    /** The Job to create for {@code scheduledTime}. */
    public record Launch(ObjectNode job, Instant scheduledTime) {
        /** The status once the Job is created: it is active, and its time the last scheduled one. */
        public CronJobStatus launched(CronJobStatus status, ObjectReference created) {
            List<ObjectReference> active = new ArrayList<>(status.active());
            active.add(created);
            return status.withActive(active).withLastScheduleTime(Timestamps.format(scheduledTime));
        }
    }

    public CronJobPlan {
        events = List.copyOf(events);
        replace = List.copyOf(replace);
        prune = List.copyOf(prune);
    }
}
