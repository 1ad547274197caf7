package dev.orc.reconciler.controller.cronjob;

import dev.orc.api.model.CronJobSpec;
import dev.orc.api.model.Job;
import dev.orc.api.model.JobStatus;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.Timestamps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The finished Jobs a CronJob no longer keeps: beyond successfulJobsHistoryLimit Complete ones and
 * failedJobsHistoryLimit Failed ones, the oldest by start time (Jobs that never started count as newest; equal times
 * go by name), as Kubernetes prunes them. A limit that is not set keeps everything.
 */
final class HistoryLimits {
    private static final Comparator<Job> OLDEST_FIRST = Comparator
            .comparing((Job job) -> startTime(job).orElse(Instant.MAX))
            .thenComparing(Job::name);

    private HistoryLimits() {
    }

    static List<ObjectReference> prune(CronJobSpec spec, List<Job> jobs) {
        List<ObjectReference> prune = new ArrayList<>();
        prune.addAll(oldest(jobs, JobStatus.COMPLETE, spec.successfulJobsHistoryLimit()));
        prune.addAll(oldest(jobs, JobStatus.FAILED, spec.failedJobsHistoryLimit()));
        return prune;
    }

    private static List<ObjectReference> oldest(List<Job> jobs, String condition, Integer limit) {
        if (limit == null) {
            return List.of();
        }
        List<Job> finished = jobs.stream()
                .filter(job -> CronJobPlanner.finishedCondition(job).filter(condition::equals).isPresent())
                .sorted(OLDEST_FIRST).toList();
        return finished.subList(0, Math.max(0, finished.size() - limit)).stream().map(ObjectReference::to).toList();
    }

    private static Optional<Instant> startTime(Job job) {
        return Optional.ofNullable(job.status()).map(JobStatus::startTime).map(Timestamps::parse);
    }
}
