package dev.orc.reconciler.controller.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.Condition;
import dev.orc.api.model.Conditions;
import dev.orc.api.model.Event;
import dev.orc.api.model.Job;
import dev.orc.api.model.JobSpec;
import dev.orc.api.model.JobStatus;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Timestamps;
import dev.orc.reconciler.controller.Pods;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The Job controller's decisions, from the Job and the pods it controls, with Kubernetes' semantics: keep
 * {@code min(parallelism, completions - succeeded)} pods active; replace failed pods after a growing delay; fail the
 * Job once more pods failed than backoffLimit allows (for restartPolicy OnFailure, once its running pods restarted
 * that often) or once it ran longer than activeDeadlineSeconds, stopping its pods; complete it once enough pods
 * succeeded; stop everything while suspended; delete a finished Job ttlSecondsAfterFinished later.
 */
public final class JobPlanner {
    static final String BACKOFF_LIMIT_EXCEEDED = "BackoffLimitExceeded";
    static final String DEADLINE_EXCEEDED = "DeadlineExceeded";

    private JobPlanner() {
    }

    public static JobPlan plan(ObjectNode jobTree, List<Pod> pods, Instant now) {
        Job job = Json.convert(jobTree, Job.class);
        JobSpec spec = job.spec();
        JobStatus old = job.status() == null ? new JobStatus(null, null, null, null, null, null, null) : job.status();
        List<Pod> active = pods.stream().filter(Pods::active).toList();
        List<Pod> finished = pods.stream().filter(p -> p.status() != null && p.status().finished()).toList();
        int succeeded = Math.max(orZero(old.succeeded()), count(finished, PodStatus.SUCCEEDED));
        int failed = Math.max(orZero(old.failed()), count(finished, PodStatus.FAILED));
        String timestamp = Timestamps.format(now);
        Progress progress = new Progress(old, succeeded, failed, timestamp);

        if (old.finished()) {
            return finishedJob(spec, old, active, now);
        }
        if (Boolean.TRUE.equals(spec.suspend())) {
            progress.condition(JobStatus.SUSPENDED, Condition.TRUE, "JobSuspended", "Job suspended");
            return progress.plan(List.of(), active, List.of(), Optional.empty(), List.of());
        }
        if (old.condition(JobStatus.SUSPENDED).map(Condition::statusTrue).orElse(false)) {
            progress.condition(JobStatus.SUSPENDED, Condition.FALSE, "JobResumed", "Job resumed");
            progress.startTime = timestamp;
        } else if (progress.startTime == null) {
            progress.startTime = timestamp;
        }

        int backoffLimit = Optional.ofNullable(spec.backoffLimit()).orElse(6);
        Optional<Instant> deadline = Optional.ofNullable(spec.activeDeadlineSeconds())
                .map(seconds -> Timestamps.parse(progress.startTime).plusSeconds(seconds));
        String failure = null;
        String message = null;
        if (failed > backoffLimit || restartsExceed(spec, active, backoffLimit)) {
            failure = BACKOFF_LIMIT_EXCEEDED;
            message = "Job has reached the specified backoff limit";
        } else if (deadline.isPresent() && !now.isBefore(deadline.get())) {
            failure = DEADLINE_EXCEEDED;
            message = "Job was active longer than specified deadline";
        }
        if (failure != null) {
            progress.condition(JobStatus.FAILED, Condition.TRUE, failure, message);
            return progress.plan(List.of(), active, List.of(), ttl(spec, now, now),
                    List.of(new JobPlan.Note(Event.WARNING, failure, message)));
        }

        Integer completions = spec.completions();
        boolean complete = completions == null ? succeeded > 0 && active.isEmpty() : succeeded >= completions;
        if (complete) {
            progress.condition(JobStatus.COMPLETE, Condition.TRUE, null, null);
            progress.completionTime = timestamp;
            return progress.plan(List.of(), active, List.of(), ttl(spec, now, now),
                    List.of(new JobPlan.Note(Event.NORMAL, "Completed", "Job completed")));
        }

        int parallelism = Optional.ofNullable(spec.parallelism()).orElse(1);
        int wanted = completions == null
                ? (succeeded > 0 ? active.size() : parallelism)
                : Math.max(0, Math.min(parallelism, completions - succeeded));
        List<ObjectNode> creates = new ArrayList<>();
        List<Pod> deletes = new ArrayList<>();
        Optional<Duration> recheck = deadline.map(d -> Duration.between(now, d));
        if (active.size() > wanted) {
            deletes.addAll(active.stream().sorted(leastValuableFirst()).limit(active.size() - wanted).toList());
        } else if (active.size() < wanted) {
            Optional<Instant> nextStart = RetryBackoff.nextStart(finished);
            if (nextStart.isPresent() && now.isBefore(nextStart.get())) {
                recheck = earliest(recheck, Duration.between(now, nextStart.get()));
            } else {
                for (int i = active.size(); i < wanted; i++) {
                    creates.add(JobPods.from(jobTree));
                }
            }
        }
        List<Pod> stillActive = active.stream().filter(p -> !deletes.contains(p)).toList();
        return progress.plan(creates, deletes, stillActive, recheck, List.of());
    }

    /** A finished Job starts nothing; it stops what still runs and goes once its TTL has passed. */
    private static JobPlan finishedJob(JobSpec spec, JobStatus status, List<Pod> active, Instant now) {
        Instant finishedAt = Optional.ofNullable(status.completionTime())
                .or(() -> status.condition(JobStatus.FAILED).map(Condition::lastTransitionTime))
                .map(Timestamps::parse).orElse(now);
        Optional<Duration> untilExpiry = ttl(spec, finishedAt, now);
        boolean expired = untilExpiry.map(d -> !d.isPositive()).orElse(false);
        JobStatus next = new JobStatus(status.conditions(), status.startTime(), status.completionTime(), 0,
                status.succeeded(), status.failed(), 0);
        return new JobPlan(List.of(), active, next, List.of(), expired, expired ? Optional.empty() : untilExpiry);
    }

    /** Time left until a Job finished at {@code finishedAt} expires, if it has a TTL. */
    private static Optional<Duration> ttl(JobSpec spec, Instant finishedAt, Instant now) {
        return Optional.ofNullable(spec.ttlSecondsAfterFinished())
                .map(seconds -> Duration.between(now, finishedAt.plusSeconds(seconds)));
    }

    /** restartPolicy OnFailure: the restarts of running pods count against backoffLimit (any at all when it is 0). */
    private static boolean restartsExceed(JobSpec spec, List<Pod> active, int backoffLimit) {
        String policy = Optional.ofNullable(spec.template()).map(t -> t.spec()).map(PodSpec::restartPolicy).orElse(null);
        if (!PodSpec.RESTART_ON_FAILURE.equals(policy)) {
            return false;
        }
        int restarts = active.stream().mapToInt(JobPods::restarts).sum();
        return backoffLimit == 0 ? restarts > 0 : restarts >= backoffLimit;
    }

    /** Which pods go first when there are too many: unscheduled, then not ready, then the youngest. */
    private static Comparator<Pod> leastValuableFirst() {
        return Comparator.comparing((Pod p) -> p.nodeName() != null)
                .thenComparing(Pods::ready)
                .thenComparing((Pod p) -> Optional.ofNullable(p.metadata().creationTimestamp()).orElse(""),
                        Comparator.reverseOrder())
                .thenComparing(p -> String.valueOf(p.name()));
    }

    private static Optional<Duration> earliest(Optional<Duration> a, Duration b) {
        return Optional.of(a.filter(d -> d.compareTo(b) < 0).orElse(b));
    }

    private static int count(List<Pod> pods, String phase) {
        return (int) pods.stream().filter(p -> phase.equals(p.phase())).count();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** The status being built for this step. */
    private static final class Progress {
        private List<Condition> conditions;
        private String startTime;
        private String completionTime;
        private final int succeeded;
        private final int failed;
        private final String timestamp;

        Progress(JobStatus old, int succeeded, int failed, String timestamp) {
            this.conditions = old.conditions();
            this.startTime = old.startTime();
            this.completionTime = old.completionTime();
            this.succeeded = succeeded;
            this.failed = failed;
            this.timestamp = timestamp;
        }

        void condition(String type, String status, String reason, String message) {
            Condition condition = new Condition(type, status, null, timestamp, null, null, timestamp, reason, message);
            boolean unchanged = conditions.stream().anyMatch(c -> type.equals(c.type()) && status.equals(c.status()));
            if (!unchanged) {
                conditions = Conditions.put(conditions, condition);
            }
        }

        JobPlan plan(List<ObjectNode> creates, List<Pod> deletes, List<Pod> stillActive, Optional<Duration> recheck,
                     List<JobPlan.Note> events) {
            int ready = (int) stillActive.stream().filter(Pods::ready).count();
            JobStatus status = new JobStatus(conditions, startTime, completionTime, stillActive.size() + creates.size(),
                    succeeded, failed, ready);
            return new JobPlan(creates, deletes, status, events, false, recheck);
        }
    }
}
