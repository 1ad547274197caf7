package dev.orc.reconciler.controller.cronjob;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.model.Job;
import dev.orc.api.model.ObjectReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static dev.orc.reconciler.controller.cronjob.CronJobFixtures.active;
import static dev.orc.reconciler.controller.cronjob.CronJobFixtures.cronJob;
import static dev.orc.reconciler.controller.cronjob.CronJobFixtures.finished;
import static dev.orc.reconciler.controller.cronjob.CronJobFixtures.running;
import static dev.orc.reconciler.controller.cronjob.CronJobFixtures.spec;
import static dev.orc.reconciler.controller.cronjob.CronJobFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

class CronJobPlannerTest {
    private static Instant at(String time) {
        return Instant.parse("2026-01-01T" + time + "Z");
    }

    private static CronJobPlan plan(ObjectNode cronJob, List<Job> jobs, Instant now) {
        return CronJobPlanner.plan(cronJob, jobs, Set.of(), now, ZoneOffset.UTC);
    }

    private static Instant launched(CronJobPlan plan) {
        return plan.launch().orElseThrow().scheduledTime();
    }

    private static List<String> reasons(CronJobPlan plan) {
        return plan.events().stream().map(CronJobPlan.Note::reason).toList();
    }

    private static List<String> names(List<ObjectReference> refs) {
        return refs.stream().map(ObjectReference::name).toList();
    }

    @Nested
    class Scheduling {
        @Test
        void beforeTheFirstScheduledTimeItWaitsForIt() {
            CronJobPlan plan = plan(cronJob("*/5 * * * *"), List.of(), at("00:02:00"));

            assertThat(plan.launch()).isEmpty();
            assertThat(plan.events()).isEmpty();
            assertThat(plan.requeueAfter()).contains(Duration.ofMinutes(3).plusMillis(100));
        }

        @Test
        void aDueTimeStartsAJobNamedByItsMinuteSinceTheEpoch() {
            CronJobPlan plan = plan(cronJob("*/5 * * * *"), List.of(), at("00:05:10"));

            CronJobPlan.Launch launch = plan.launch().orElseThrow();
            assertThat(launch.scheduledTime()).isEqualTo(at("00:05:00"));
            ObjectNode job = launch.job();
            assertThat(job.at("/metadata/name").asText()).isEqualTo("hello-" + at("00:05:00").getEpochSecond() / 60);
            assertThat(job.at("/metadata/namespace").asText()).isEqualTo("default");
            assertThat(job.at("/metadata/labels/app").asText()).isEqualTo("hello");
            assertThat(job.at("/metadata/annotations/team").asText()).isEqualTo("ops");
            assertThat(job.at("/metadata/annotations").get(ScheduledJobs.SCHEDULED_TIMESTAMP).asText())
                    .isEqualTo("2026-01-01T00:05:00Z");
            assertThat(job.at("/metadata/ownerReferences/0/uid").asText()).isEqualTo("uid-hello");
            assertThat(job.at("/metadata/ownerReferences/0/kind").asText()).isEqualTo("CronJob");
            assertThat(job.at("/metadata/ownerReferences/0/controller").asBoolean()).isTrue();
            assertThat(job.at("/spec/backoffLimit").asInt()).isEqualTo(2);
            assertThat(job.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("busybox");
            assertThat(plan.requeueAfter()).contains(Duration.ofSeconds(4 * 60 + 50).plusMillis(100));
            assertThat(plan.events()).isEmpty();
        }

        @Test
        void theLaunchedJobBecomesActiveAndItsTimeTheLastScheduleTime() {
            CronJobPlan plan = plan(cronJob("*/5 * * * *"), List.of(), at("00:05:10"));
            ObjectReference created = new ObjectReference("batch/v1", "Job", "default", "hello-1", "uid-1", "7", null);

            var status = plan.launch().orElseThrow().launched(plan.status(), created);

            assertThat(status.active()).containsExactly(created);
            assertThat(status.lastScheduleTime()).isEqualTo("2026-01-01T00:05:00Z");
        }

        @Test
        void aTimeAlreadyStartedIsNotStartedAgain() {
            ObjectNode cronJob = cronJob("*/5 * * * *");
            status(cronJob).put("lastScheduleTime", "2026-01-01T00:05:00Z");

            CronJobPlan plan = plan(cronJob, List.of(), at("00:06:00"));

            assertThat(plan.launch()).isEmpty();
            assertThat(plan.requeueAfter()).contains(Duration.ofMinutes(4).plusMillis(100));
        }

        @Test
        void aTimeWhoseJobIsActiveIsNotStartedAgainEvenWithoutALastScheduleTime() {
            ObjectNode cronJob = active(cronJob("*/5 * * * *"), ScheduledJobs.name("hello", at("00:05:00")));
            String name = ScheduledJobs.name("hello", at("00:05:00"));

            CronJobPlan plan = plan(cronJob, List.of(running(name, at("00:05:01"))), at("00:06:00"));

            assertThat(plan.launch()).isEmpty();
        }

        @Test
        void ofSeveralMissedTimesOnlyTheMostRecentStarts() {
            ObjectNode cronJob = cronJob("*/5 * * * *");
            status(cronJob).put("lastScheduleTime", "2026-01-01T00:05:00Z");

            CronJobPlan plan = plan(cronJob, List.of(), at("00:37:30"));

            assertThat(launched(plan)).isEqualTo(at("00:35:00"));
            assertThat(plan.events()).isEmpty();
            assertThat(plan.requeueAfter()).contains(Duration.ofSeconds(150).plusMillis(100));
        }

        @Test
        void exactlyOneHundredMissedTimesAreNoWarning() {
            ObjectNode cronJob = cronJob("* * * * *");
            status(cronJob).put("lastScheduleTime", "2026-01-01T00:00:00Z");

            CronJobPlan plan = plan(cronJob, List.of(), at("01:40:00"));

            assertThat(launched(plan)).isEqualTo(at("01:40:00"));
            assertThat(plan.events()).isEmpty();
        }

        @Test
        void moreThanOneHundredMissedTimesWarnAndStillStartTheLatest() {
            ObjectNode cronJob = cronJob("* * * * *");
            status(cronJob).put("lastScheduleTime", "2026-01-01T00:00:00Z");

            CronJobPlan plan = plan(cronJob, List.of(), at("03:00:30"));

            assertThat(reasons(plan)).containsExactly("TooManyMissedTimes");
            assertThat(plan.events().getFirst().type()).isEqualTo("Warning");
            assertThat(plan.events().getFirst().message()).startsWith("too many missed start times");
            assertThat(launched(plan)).isEqualTo(at("03:00:00"));
        }

        @Test
        void aTimeMissedByMoreThanTheStartingDeadlineIsSkipped() {
            ObjectNode cronJob = cronJob("*/5 * * * *");
            spec(cronJob).put("startingDeadlineSeconds", 60);

            CronJobPlan plan = plan(cronJob, List.of(), at("00:07:00"));

            assertThat(plan.launch()).isEmpty();
            assertThat(plan.requeueAfter()).contains(Duration.ofMinutes(3).plusMillis(100));
        }

        @Test
        void aTimeMissedByLessThanTheStartingDeadlineStillStarts() {
            ObjectNode cronJob = cronJob("*/5 * * * *");
            spec(cronJob).put("startingDeadlineSeconds", 200);

            CronJobPlan plan = plan(cronJob, List.of(), at("00:07:00"));

            assertThat(launched(plan)).isEqualTo(at("00:05:00"));
        }

        @Test
        void theStartingDeadlineBoundsTheMissedTimesCounted() {
            ObjectNode cronJob = cronJob("* * * * *");
            status(cronJob).put("lastScheduleTime", "2026-01-01T00:00:00Z");
            spec(cronJob).put("startingDeadlineSeconds", 120);

            CronJobPlan plan = plan(cronJob, List.of(), at("03:00:30"));

            assertThat(plan.events()).isEmpty();
            assertThat(launched(plan)).isEqualTo(at("03:00:00"));
        }

        @Test
        void aSuspendedCronJobStartsNothingAndDoesNotAskToComeBack() {
            ObjectNode cronJob = cronJob("*/5 * * * *");
            spec(cronJob).put("suspend", true);

            CronJobPlan plan = plan(cronJob, List.of(), at("00:05:10"));

            assertThat(plan.launch()).isEmpty();
            assertThat(plan.requeueAfter()).isEmpty();
        }

        @Test
        void resumedItStartsOnlyTheMostRecentTimeItMissed() {
            ObjectNode cronJob = cronJob("*/5 * * * *");
            status(cronJob).put("lastScheduleTime", "2026-01-01T00:05:00Z");

            CronJobPlan plan = plan(cronJob, List.of(), at("02:01:00"));

            assertThat(launched(plan)).isEqualTo(at("02:00:00"));
        }

        @Test
        void aCronJobBeingDeletedOnlyUpdatesItsStatus() {
            ObjectNode cronJob = active(cronJob("*/5 * * * *"), "hello-old");
            cronJob.withObjectProperty("metadata").put("deletionTimestamp", "2026-01-01T00:04:00Z");

            CronJobPlan plan = plan(cronJob, List.of(finished("hello-old", at("00:00:00"), "Complete", at("00:01:00"))),
                    at("00:05:10"));

            assertThat(plan.launch()).isEmpty();
            assertThat(plan.prune()).isEmpty();
            assertThat(plan.status().active()).isEmpty();
        }
    }

    @Nested
    class ConcurrencyPolicy {
        private final String previous = "hello-previous";

        private ObjectNode withRunningJob(String policy) {
            ObjectNode cronJob = active(cronJob("*/5 * * * *"), previous);
            spec(cronJob).put("concurrencyPolicy", policy);
            status(cronJob).put("lastScheduleTime", "2026-01-01T00:00:00Z");
            return cronJob;
        }

        private CronJobPlan planWithRunningJob(String policy) {
            return plan(withRunningJob(policy), List.of(running(previous, at("00:00:01"))), at("00:05:01"));
        }

        @Test
        void allowStartsBesideTheRunningJob() {
            CronJobPlan plan = planWithRunningJob("Allow");

            assertThat(launched(plan)).isEqualTo(at("00:05:00"));
            assertThat(plan.replace()).isEmpty();
            assertThat(names(plan.status().active())).containsExactly(previous);
        }

        @Test
        void forbidSkipsTheRunWhileOneIsActive() {
            CronJobPlan plan = planWithRunningJob("Forbid");

            assertThat(plan.launch()).isEmpty();
            assertThat(reasons(plan)).containsExactly("JobAlreadyActive");
            assertThat(plan.events().getFirst().message())
                    .isEqualTo("Not starting job because prior execution is running and concurrency policy is Forbid");
            assertThat(plan.requeueAfter()).contains(Duration.ofMinutes(5).minusSeconds(1).plusMillis(100));
        }

        @Test
        void forbidStartsOnceThePreviousJobFinished() {
            CronJobPlan plan = plan(withRunningJob("Forbid"),
                    List.of(finished(previous, at("00:00:01"), "Complete", at("00:03:00"))), at("00:05:01"));

            assertThat(launched(plan)).isEqualTo(at("00:05:00"));
            assertThat(reasons(plan)).containsExactly("SawCompletedJob");
        }

        @Test
        void replaceDeletesTheRunningJobAndStartsTheNewOne() {
            CronJobPlan plan = planWithRunningJob("Replace");

            assertThat(names(plan.replace())).containsExactly(previous);
            assertThat(launched(plan)).isEqualTo(at("00:05:00"));
            assertThat(plan.status().active()).isEmpty();
        }
    }

    @Nested
    class Status {
        @Test
        void aFinishedJobLeavesTheActiveListAndItsCompletionIsTheLastSuccessfulTime() {
            ObjectNode cronJob = active(active(cronJob("@hourly"), "hello-a"), "hello-b");

            CronJobPlan plan = plan(cronJob, List.of(finished("hello-a", at("00:00:00"), "Complete", at("00:03:00")),
                    finished("hello-b", at("00:00:00"), "Failed", at("00:04:00"))), at("00:10:00"));

            assertThat(plan.status().active()).isEmpty();
            assertThat(plan.status().lastSuccessfulTime()).isEqualTo("2026-01-01T00:03:00Z");
            assertThat(plan.events()).extracting(CronJobPlan.Note::message).containsExactly(
                    "Saw completed job: hello-a, condition: Complete", "Saw completed job: hello-b, condition: Failed");
        }

        @Test
        void theLastSuccessfulTimeOnlyMovesForward() {
            ObjectNode cronJob = cronJob("@hourly");
            status(cronJob).put("lastSuccessfulTime", "2026-01-01T00:30:00Z");

            CronJobPlan plan = plan(cronJob, List.of(finished("hello-a", at("00:00:00"), "Complete", at("00:03:00"))),
                    at("00:40:00"));

            assertThat(plan.status().lastSuccessfulTime()).isEqualTo("2026-01-01T00:30:00Z");
        }

        @Test
        void anActiveJobTheApiNoLongerHasIsDropped() {
            ObjectNode cronJob = active(active(cronJob("@hourly"), "hello-gone"), "hello-unseen");

            CronJobPlan plan = CronJobPlanner.plan(cronJob, List.of(), Set.of("uid-hello-gone"), at("00:10:00"),
                    ZoneOffset.UTC);

            assertThat(names(plan.status().active())).containsExactly("hello-unseen");
            assertThat(plan.events()).extracting(CronJobPlan.Note::message)
                    .containsExactly("Active job went missing: hello-gone");
        }

        @Test
        void aRunningJobItDoesNotListIsReported() {
            CronJobPlan plan = plan(cronJob("@hourly"), List.of(running("hello-stray", at("00:00:00"))), at("00:10:00"));

            assertThat(plan.events()).singleElement().satisfies(note -> {
                assertThat(note.type()).isEqualTo("Warning");
                assertThat(note.reason()).isEqualTo("UnexpectedJob");
                assertThat(note.message()).isEqualTo("Saw a job that the controller did not create or forgot: hello-stray");
            });
            assertThat(plan.status().active()).isEmpty();
        }
    }

    @Nested
    class HistoryLimits {
        @Test
        void theOldestFinishedJobsPastEachLimitAreDeleted() {
            List<Job> jobs = List.of(
                    finished("hello-s1", at("00:01:00"), "Complete", at("00:01:30")),
                    finished("hello-s2", at("00:02:00"), "Complete", at("00:02:30")),
                    finished("hello-s3", at("00:03:00"), "Complete", at("00:03:30")),
                    finished("hello-s4", at("00:04:00"), "Complete", at("00:04:30")),
                    finished("hello-s5", null, "Complete", at("00:05:30")),
                    finished("hello-f1", at("00:01:00"), "Failed", null),
                    finished("hello-f2", at("00:02:00"), "Failed", null),
                    running("hello-r1", at("00:00:00")));

            CronJobPlan plan = plan(active(cronJob("@hourly"), "hello-r1"), jobs, at("00:10:00"));

            assertThat(names(plan.prune())).containsExactly("hello-s1", "hello-s2", "hello-f1");
        }

        @Test
        void withoutLimitsEverythingIsKept() {
            ObjectNode cronJob = cronJob("@hourly");
            spec(cronJob).remove(List.of("successfulJobsHistoryLimit", "failedJobsHistoryLimit"));

            CronJobPlan plan = plan(cronJob, List.of(finished("hello-f1", at("00:01:00"), "Failed", null),
                    finished("hello-f2", at("00:02:00"), "Failed", null)), at("00:10:00"));

            assertThat(plan.prune()).isEmpty();
        }

        @Test
        void aLimitOfZeroKeepsNone() {
            ObjectNode cronJob = cronJob("@hourly");
            spec(cronJob).put("successfulJobsHistoryLimit", 0);

            CronJobPlan plan = plan(cronJob, List.of(finished("hello-s1", at("00:01:00"), "Complete", at("00:01:30"))),
                    at("00:10:00"));

            assertThat(names(plan.prune())).containsExactly("hello-s1");
        }
    }

    @Nested
    class TimeZones {
        private static final Instant CREATED = Instant.parse("2026-03-06T00:00:00Z");

        private ObjectNode nineInNewYork() {
            ObjectNode cronJob = cronJob("0 9 * * *");
            cronJob.withObjectProperty("metadata").put("creationTimestamp", CREATED.toString());
            spec(cronJob).put("timeZone", "America/New_York");
            return cronJob;
        }

        @Test
        void theScheduleIsReadInItsTimeZoneAndTheAnnotationCarriesItsOffset() {
            CronJobPlan plan = plan(nineInNewYork(), List.of(), Instant.parse("2026-03-07T14:00:30Z"));

            assertThat(launched(plan)).isEqualTo(Instant.parse("2026-03-07T14:00:00Z"));
            assertThat(plan.launch().orElseThrow().job().at("/metadata/annotations")
                    .get(ScheduledJobs.SCHEDULED_TIMESTAMP).asText()).isEqualTo("2026-03-07T09:00:00-05:00");
        }

        @Test
        void acrossTheChangeToDaylightSavingTimeNineStaysNineLocally() {
            ObjectNode cronJob = nineInNewYork();
            status(cronJob).put("lastScheduleTime", "2026-03-07T14:00:00Z");

            CronJobPlan early = plan(cronJob, List.of(), Instant.parse("2026-03-08T12:30:00Z"));
            CronJobPlan due = plan(cronJob, List.of(), Instant.parse("2026-03-08T13:00:30Z"));

            assertThat(early.launch()).isEmpty();
            assertThat(early.requeueAfter()).contains(Duration.ofMinutes(30).plusMillis(100));
            assertThat(launched(due)).isEqualTo(Instant.parse("2026-03-08T13:00:00Z"));
            assertThat(due.launch().orElseThrow().job().at("/metadata/annotations")
                    .get(ScheduledJobs.SCHEDULED_TIMESTAMP).asText()).isEqualTo("2026-03-08T09:00:00-04:00");
            assertThat(due.requeueAfter()).contains(Duration.ofHours(24).minusSeconds(30).plusMillis(100));
        }

        @Test
        void withoutATimeZoneTheControllersZoneReadsTheScheduleAndTheAnnotationIsUtc() {
            CronJobPlan plan = CronJobPlanner.plan(cronJob("0 9 * * *"), List.of(), Set.of(),
                    at("08:00:30"), ZoneId.of("Europe/Berlin"));

            assertThat(launched(plan)).isEqualTo(at("08:00:00"));
            assertThat(plan.launch().orElseThrow().job().at("/metadata/annotations")
                    .get(ScheduledJobs.SCHEDULED_TIMESTAMP).asText()).isEqualTo("2026-01-01T08:00:00Z");
        }
    }

    @Nested
    class BadSpecs {
        @Test
        void anUnknownTimeZoneIsReportedAndStartsNothing() {
            ObjectNode cronJob = cronJob("@hourly");
            spec(cronJob).put("timeZone", "Mars/Olympus");

            CronJobPlan plan = plan(cronJob, List.of(), at("01:00:30"));

            assertThat(plan.launch()).isEmpty();
            assertThat(reasons(plan)).containsExactly("UnknownTimeZone");
            assertThat(plan.events().getFirst().message()).startsWith("invalid timeZone: \"Mars/Olympus\": ");
        }

        @Test
        void anUnparseableScheduleIsReported() {
            CronJobPlan plan = plan(cronJob("every hour"), List.of(), at("01:00:30"));

            assertThat(reasons(plan)).containsExactly("UnparseableSchedule");
            assertThat(plan.requeueAfter()).isEmpty();
        }

        @Test
        void aScheduleThatNeverComesIsReportedAsInvalid() {
            CronJobPlan plan = plan(cronJob("59 23 31 2 *"), List.of(), at("01:00:30"));

            assertThat(reasons(plan)).containsExactly("InvalidSchedule");
            assertThat(plan.launch()).isEmpty();
        }
    }
}
