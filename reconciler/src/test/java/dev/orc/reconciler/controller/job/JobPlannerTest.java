package dev.orc.reconciler.controller.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.model.Condition;
import dev.orc.api.model.JobStatus;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Timestamps;
import dev.orc.reconciler.controller.PodFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.orc.reconciler.controller.job.JobFixtures.finished;
import static dev.orc.reconciler.controller.job.JobFixtures.job;
import static dev.orc.reconciler.controller.job.JobFixtures.running;
import static dev.orc.reconciler.controller.job.JobFixtures.spec;
import static dev.orc.reconciler.controller.job.JobFixtures.typed;
import static org.assertj.core.api.Assertions.assertThat;

class JobPlannerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");

    private static Condition condition(JobPlan plan, String type) {
        return plan.status().condition(type).orElseThrow();
    }

    @Test
    void startsMinOfParallelismAndRemainingCompletions() {
        ObjectNode job = job(3, 2, 6);

        JobPlan first = JobPlanner.plan(job, List.of(), NOW);
        JobPlan afterOneSucceeded = JobPlanner.plan(job, List.of(typed(running(job, "pi-a")),
                typed(finished(job, "pi-b", "Succeeded", NOW))), NOW);
        JobPlan lastOneRunning = JobPlanner.plan(job, List.of(typed(running(job, "pi-c")),
                typed(finished(job, "pi-a", "Succeeded", NOW)), typed(finished(job, "pi-b", "Succeeded", NOW))), NOW);

        assertThat(first.creates()).hasSize(2);
        assertThat(first.status().active()).isEqualTo(2);
        assertThat(first.status().startTime()).isEqualTo(Timestamps.format(NOW));
        assertThat(afterOneSucceeded.creates()).hasSize(1);
        assertThat(afterOneSucceeded.status().succeeded()).isEqualTo(1);
        assertThat(lastOneRunning.creates()).isEmpty();
        assertThat(lastOneRunning.deletes()).isEmpty();
    }

    @Test
    void createdPodsAreNamedLabelledAndOwnedAsKubernetesDoes() {
        ObjectNode pod = JobPlanner.plan(job(1, 1, 6), List.of(), NOW).creates().get(0);

        assertThat(pod.at("/metadata/generateName").asText()).isEqualTo("pi-");
        assertThat(pod.at("/metadata/labels/job-name").asText()).isEqualTo("pi");
        assertThat(pod.at("/metadata/labels/controller-uid").asText()).isEqualTo("uid-pi");
        assertThat(pod.at("/metadata/labels/batch.kubernetes.io~1job-name").asText()).isEqualTo("pi");
        assertThat(pod.at("/metadata/labels/app").asText()).isEqualTo("pi");
        assertThat(pod.at("/metadata/ownerReferences/0/uid").asText()).isEqualTo("uid-pi");
        assertThat(pod.at("/spec/restartPolicy").asText()).isEqualTo("Never");
    }

    @Test
    void completesWhenEnoughPodsSucceededAndStopsTheRest() {
        ObjectNode job = job(2, 3, 6);
        List<Pod> pods = List.of(typed(finished(job, "pi-a", "Succeeded", NOW)),
                typed(finished(job, "pi-b", "Succeeded", NOW)), typed(running(job, "pi-c")));

        JobPlan plan = JobPlanner.plan(job, pods, NOW);

        assertThat(condition(plan, JobStatus.COMPLETE).status()).isEqualTo(Condition.TRUE);
        assertThat(condition(plan, JobStatus.COMPLETE).lastTransitionTime()).isEqualTo(Timestamps.format(NOW));
        assertThat(plan.status().completionTime()).isEqualTo(Timestamps.format(NOW));
        assertThat(plan.status().active()).isZero();
        assertThat(plan.deletes()).extracting(Pod::name).containsExactly("pi-c");
        assertThat(plan.events()).extracting(JobPlan.Note::reason).containsExactly("Completed");
    }

    @ParameterizedTest(name = "{0} failures since the last success wait {1}s")
    @CsvSource({"1, 10", "2, 20", "3, 40", "6, 320", "7, 360", "20, 360"})
    void retryDelayDoublesFromTenSecondsUpToSixMinutes(int failures, long seconds) {
        assertThat(RetryBackoff.delay(failures)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void replacesAFailedPodOnlyAfterTheRetryDelay() {
        ObjectNode job = job(1, 1, 6);
        Instant failedAt = NOW.minusSeconds(15);
        List<Pod> twoFailures = List.of(typed(finished(job, "pi-a", "Failed", failedAt.minusSeconds(5))),
                typed(finished(job, "pi-b", "Failed", failedAt)));

        JobPlan waiting = JobPlanner.plan(job, twoFailures, NOW);
        JobPlan due = JobPlanner.plan(job, twoFailures, failedAt.plusSeconds(20));

        assertThat(waiting.creates()).isEmpty();
        assertThat(waiting.recheckAfter()).contains(Duration.ofSeconds(5));
        assertThat(waiting.status().failed()).isEqualTo(2);
        assertThat(due.creates()).hasSize(1);
    }

    @Test
    void aSuccessResetsTheRetryDelay() {
        ObjectNode job = job(3, 1, 6);
        List<Pod> pods = List.of(typed(finished(job, "pi-a", "Failed", NOW.minusSeconds(5))),
                typed(finished(job, "pi-b", "Succeeded", NOW.minusSeconds(1))));

        assertThat(JobPlanner.plan(job, pods, NOW).creates()).hasSize(1);
    }

    @Test
    void failsWithBackoffLimitExceededOnceMoreFailedThanAllowed() {
        ObjectNode job = job(3, 2, 1);
        List<Pod> pods = List.of(typed(finished(job, "pi-a", "Failed", NOW)), typed(finished(job, "pi-b", "Failed", NOW)),
                typed(running(job, "pi-c")));

        JobPlan plan = JobPlanner.plan(job, pods, NOW);

        Condition failed = condition(plan, JobStatus.FAILED);
        assertThat(failed.status()).isEqualTo(Condition.TRUE);
        assertThat(failed.reason()).isEqualTo("BackoffLimitExceeded");
        assertThat(failed.lastTransitionTime()).isEqualTo(Timestamps.format(NOW));
        assertThat(plan.deletes()).extracting(Pod::name).containsExactly("pi-c");
        assertThat(plan.creates()).isEmpty();
        assertThat(plan.status().active()).isZero();
    }

    @Test
    void onFailureCountsContainerRestartsAgainstTheBackoffLimit() {
        ObjectNode job = job(1, 1, 2);
        spec(job).withObjectProperty("template").withObjectProperty("spec").put("restartPolicy", "OnFailure");

        JobPlan underLimit = JobPlanner.plan(job, List.of(typed(PodFixture.pod("pi-a").ownedBy(job).restarts(1).build())), NOW);
        JobPlan atLimit = JobPlanner.plan(job, List.of(typed(PodFixture.pod("pi-a").ownedBy(job).restarts(2).build())), NOW);

        assertThat(underLimit.status().condition(JobStatus.FAILED)).isEmpty();
        assertThat(condition(atLimit, JobStatus.FAILED).reason()).isEqualTo("BackoffLimitExceeded");
    }

    @Test
    void failsWithDeadlineExceededAfterActiveDeadlineSeconds() {
        ObjectNode job = job(1, 1, 6);
        spec(job).put("activeDeadlineSeconds", 30);
        job.putObject("status").put("startTime", Timestamps.format(NOW.minusSeconds(20))).put("active", 1);
        List<Pod> pods = List.of(typed(running(job, "pi-a")));

        JobPlan before = JobPlanner.plan(job, pods, NOW);
        JobPlan after = JobPlanner.plan(job, pods, NOW.plusSeconds(10));

        assertThat(before.status().condition(JobStatus.FAILED)).isEmpty();
        assertThat(before.recheckAfter()).contains(Duration.ofSeconds(10));
        assertThat(condition(after, JobStatus.FAILED).reason()).isEqualTo("DeadlineExceeded");
        assertThat(after.deletes()).extracting(Pod::name).containsExactly("pi-a");
    }

    @Test
    void suspendedJobStopsItsPodsAndSaysSo() {
        ObjectNode job = job(1, 1, 6);
        spec(job).put("suspend", true);

        JobPlan plan = JobPlanner.plan(job, List.of(typed(running(job, "pi-a"))), NOW);

        assertThat(plan.deletes()).extracting(Pod::name).containsExactly("pi-a");
        assertThat(plan.creates()).isEmpty();
        assertThat(condition(plan, JobStatus.SUSPENDED).status()).isEqualTo(Condition.TRUE);
    }

    @Test
    void finishedJobIsDueForDeletionAfterItsTtl() {
        ObjectNode job = job(1, 1, 6);
        spec(job).put("ttlSecondsAfterFinished", 60);
        job.set("status", dev.orc.api.json.Json.tree(new JobStatus(List.of(Condition.of(JobStatus.COMPLETE, Condition.TRUE,
                null, null, Timestamps.format(NOW))), Timestamps.format(NOW), Timestamps.format(NOW), 0, 1, 0, 0)));

        JobPlan early = JobPlanner.plan(job, List.of(), NOW.plusSeconds(45));
        JobPlan due = JobPlanner.plan(job, List.of(), NOW.plusSeconds(60));

        assertThat(early.deleteJob()).isFalse();
        assertThat(early.recheckAfter()).isEqualTo(Optional.of(Duration.ofSeconds(15)));
        assertThat(due.deleteJob()).isTrue();
    }
}
