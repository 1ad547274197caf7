package dev.orc.reconciler.controller.cronjob;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.batch.CronSchedule;
import dev.orc.api.json.Json;
import dev.orc.api.model.Condition;
import dev.orc.api.model.CronJob;
import dev.orc.api.model.CronJobSpec;
import dev.orc.api.model.CronJobStatus;
import dev.orc.api.model.Event;
import dev.orc.api.model.Job;
import dev.orc.api.model.JobStatus;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.Timestamps;
import dev.orc.reconciler.controller.cronjob.CronJobPlan.Launch;
import dev.orc.reconciler.controller.cronjob.CronJobPlan.Note;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CronJob controller's decisions, from the CronJob and the Jobs it controls, with the semantics of Kubernetes'
 * CronJob controller (v2). First the status catches up: finished Jobs leave the active list (the newest success is
 * lastSuccessfulTime), and so do active Jobs the API no longer has. Then, unless the CronJob is being deleted or is
 * suspended: the most recent scheduled time that is due and not yet started ({@link ScheduleTimes}) starts a Job,
 * unless concurrencyPolicy Forbid finds one still active (Replace deletes the active ones first); finished Jobs past
 * successfulJobsHistoryLimit and failedJobsHistoryLimit are deleted, oldest first; and the CronJob looks again at
 * its next scheduled time.
 */
public final class CronJobPlanner {
    private static final DateTimeFormatter RFC1123Z =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private CronJobPlanner() {
    }

    /**
     * Plans one step.
     *
     * @param jobs      the Jobs the CronJob controls
     * @param goneUids  uids of active Jobs that are not in {@code jobs} and that the API confirmed are gone
     * @param localZone the zone of a schedule without {@code spec.timeZone}: the controller's own
     */
    public static CronJobPlan plan(ObjectNode cronJobTree, List<Job> jobs, Set<String> goneUids, Instant now,
                                   ZoneId localZone) {
        CronJob cronJob = Json.convert(cronJobTree, CronJob.class);
        CronJobStatus old = cronJob.status() == null ? CronJobStatus.EMPTY : cronJob.status();
        List<Note> events = new ArrayList<>();
        CronJobStatus status = observe(old, jobs, goneUids, events);
        if (cronJob.metadata().deleting()) {
            return new CronJobPlan(status, events, List.of(), Optional.empty(), List.of(), Optional.empty());
        }
        Step step = schedule(cronJobTree, cronJob, status, now, localZone, events);
        List<ObjectReference> prune = HistoryLimits.prune(cronJob.spec(), jobs);
        Set<String> deleted = prune.stream().map(ObjectReference::uid).collect(Collectors.toCollection(HashSet::new));
        step.replace().forEach(ref -> deleted.add(ref.uid()));
        CronJobStatus next = status.withActive(
                status.active().stream().filter(ref -> !deleted.contains(ref.uid())).toList());
        return new CronJobPlan(next, events, step.replace(), step.launch(), prune, step.requeueAfter());
    }

    /** The status as the Jobs now are: finished and vanished Jobs leave the active list. */
    private static CronJobStatus observe(CronJobStatus old, List<Job> jobs, Set<String> goneUids, List<Note> events) {
        List<ObjectReference> active = new ArrayList<>(old.active());
        String lastSuccessful = old.lastSuccessfulTime();
        for (Job job : jobs) {
            String uid = job.metadata().uid();
            boolean listed = active.stream().anyMatch(ref -> uid.equals(ref.uid()));
            Optional<String> finished = finishedCondition(job);
            if (!listed && finished.isEmpty()) {
                events.add(new Note(Event.WARNING, "UnexpectedJob",
                        "Saw a job that the controller did not create or forgot: " + job.name()));
            } else if (finished.isPresent()) {
                if (listed) {
                    active.removeIf(ref -> uid.equals(ref.uid()));
                    events.add(new Note(Event.NORMAL, "SawCompletedJob",
                            "Saw completed job: " + job.name() + ", condition: " + finished.get()));
                }
                if (JobStatus.COMPLETE.equals(finished.get())) {
                    lastSuccessful = later(lastSuccessful, job.status().completionTime());
                }
            }
        }
        for (ObjectReference ref : List.copyOf(active)) {
            boolean cached = jobs.stream().anyMatch(job -> job.metadata().uid().equals(ref.uid()));
            if (goneUids.contains(ref.uid()) && !cached) {
                events.add(new Note(Event.NORMAL, "MissingJob", "Active job went missing: " + ref.name()));
                active.remove(ref);
            }
        }
        return new CronJobStatus(active, old.lastScheduleTime(), lastSuccessful);
    }

    /** Kubernetes' rule: the first completion becomes lastSuccessfulTime; a later one replaces it. */
    private static String later(String lastSuccessful, String completion) {
        if (lastSuccessful == null) {
            return completion;
        }
        if (completion != null && Timestamps.parse(completion).isAfter(Timestamps.parse(lastSuccessful))) {
            return completion;
        }
        return lastSuccessful;
    }

    /** What the schedule calls for now: maybe a Job to start (after deleting active ones), and when to look again. */
    private record Step(List<ObjectReference> replace, Optional<Launch> launch, Optional<Duration> requeueAfter) {
        static final Step NOTHING = new Step(List.of(), Optional.empty(), Optional.empty());

        static Step wait(Optional<Duration> requeueAfter) {
            return new Step(List.of(), Optional.empty(), requeueAfter);
        }
    }

    private static Step schedule(ObjectNode cronJobTree, CronJob cronJob, CronJobStatus status, Instant now,
                                 ZoneId localZone, List<Note> events) {
        CronJobSpec spec = cronJob.spec();
        ZoneId zone = localZone;
        if (spec.timeZone() != null) {
            try {
                zone = CronSchedule.zone(spec.timeZone());
            } catch (IllegalArgumentException e) {
                events.add(new Note(Event.WARNING, "UnknownTimeZone",
                        "invalid timeZone: \"" + spec.timeZone() + "\": " + e.getMessage()));
                return Step.NOTHING;
            }
        }
        if (spec.suspended()) {
            return Step.NOTHING;
        }
        CronSchedule schedule;
        try {
            schedule = CronSchedule.parse(spec.schedule(), zone);
        } catch (IllegalArgumentException e) {
            events.add(new Note(Event.WARNING, "UnparseableSchedule",
                    "unparseable schedule: \"" + spec.schedule() + "\" : " + e.getMessage()));
            return Step.NOTHING;
        }
        Instant created = Timestamps.parse(cronJob.metadata().creationTimestamp());
        Instant lastSchedule = Timestamps.parse(status.lastScheduleTime());
        ScheduleTimes.MostRecent due;
        try {
            due = ScheduleTimes.mostRecent(schedule, created, lastSchedule, spec.startingDeadlineSeconds(), now);
        } catch (ScheduleTimes.InvalidSchedule e) {
            events.add(new Note(Event.WARNING, "InvalidSchedule",
                    "invalid schedule: " + spec.schedule() + " : " + e.getMessage()));
            return Step.NOTHING;
        }
        Optional<Duration> later = ScheduleTimes.untilNext(schedule, created, lastSchedule, now);
        if (due.time().isEmpty()) {
            return Step.wait(later);
        }
        if (due.missed() == ScheduleTimes.Missed.MANY) {
            events.add(new Note(Event.WARNING, "TooManyMissedTimes",
                    "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew"));
        }
        Instant scheduled = due.time().get();
        Long deadline = spec.startingDeadlineSeconds();
        if (deadline != null && scheduled.plusSeconds(deadline).isBefore(now)) {
            events.add(new Note(Event.WARNING, "MissSchedule",
                    "Missed scheduled time to start a job: " + RFC1123Z.format(scheduled)));
            return Step.wait(later);
        }
        String name = ScheduledJobs.name(cronJob.name(), scheduled);
        if (status.active().stream().anyMatch(ref -> name.equals(ref.name())) || scheduled.equals(lastSchedule)) {
            return Step.wait(later);
        }
        String policy = spec.concurrencyPolicy();
        if (CronJobSpec.FORBID.equals(policy) && !status.active().isEmpty()) {
            events.add(new Note(Event.NORMAL, "JobAlreadyActive",
                    "Not starting job because prior execution is running and concurrency policy is Forbid"));
            return Step.wait(later);
        }
        List<ObjectReference> replace = CronJobSpec.REPLACE.equals(policy) ? status.active() : List.of();
        ZoneId annotationZone = spec.timeZone() != null ? zone : ZoneOffset.UTC;
        Launch launch = new Launch(ScheduledJobs.of(cronJobTree, scheduled, annotationZone), scheduled);
        return new Step(replace, Optional.of(launch), ScheduleTimes.untilNext(schedule, created, scheduled, now));
    }

    /** Complete or Failed, whichever condition of the two is true first; empty while the Job runs. */
    static Optional<String> finishedCondition(Job job) {
        if (job.status() == null) {
            return Optional.empty();
        }
        return job.status().conditions().stream()
                .filter(c -> JobStatus.COMPLETE.equals(c.type()) || JobStatus.FAILED.equals(c.type()))
                .filter(Condition::statusTrue)
                .map(Condition::type).findFirst();
    }
}
