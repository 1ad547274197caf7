package dev.orc.reconciler.controller.cronjob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Timestamps;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.controller.runtime.Result;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static dev.orc.reconciler.controller.cronjob.CronJobFixtures.cronJob;
import static dev.orc.reconciler.controller.cronjob.CronJobFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CronJobs on the real registry (admission, defaults, resourceVersions), one reconcile at a time on a manual clock. */
class CronJobReconcilerTest {
    private static final ObjectKey KEY = new ObjectKey("default", "hello");
    private final ManualClock clock = new ManualClock();
    private final RegistryCluster registry = new RegistryCluster(clock);
    private final CronJobReconciler reconciler = new CronJobReconciler(registry.cache(ResourceTypes.CRON_JOB),
            registry.cache(ResourceTypes.JOB), registry.controllerClient(), registry.events(), clock,
            ZoneOffset.UTC);

    @AfterEach
    void close() {
        registry.close();
    }

    private void seed(String policy) {
        ObjectNode cronJob = cronJob("*/5 * * * *");
        cronJob.withObjectProperty("metadata").remove(List.of("uid", "creationTimestamp"));
        spec(cronJob).put("concurrencyPolicy", policy);
        registry.seed(ResourceTypes.CRON_JOB, cronJob);
    }

    private JsonNode cronJobNow() {
        return registry.get(ResourceTypes.CRON_JOB, "default", "hello").orElseThrow();
    }

    private List<String> jobNames() {
        return registry.list(ResourceTypes.JOB).stream().map(job -> job.at("/metadata/name").asText()).sorted().toList();
    }

    private static String jobAt(String time) {
        return ScheduledJobs.name("hello", Instant.parse("2026-01-01T" + time + "Z"));
    }

    private void finish(String name, String condition) {
        ObjectNode job = registry.get(ResourceTypes.JOB, "default", name).orElseThrow();
        ObjectNode status = job.putObject("status").put("startTime", Timestamps.format(clock.instant()));
        status.putArray("conditions").addObject().put("type", condition).put("status", "True");
        if (condition.equals("Complete")) {
            status.put("completionTime", Timestamps.format(clock.instant()));
        }
        registry.client().updateStatus(ResourceTypes.JOB, "default", job);
    }

    private List<String> reasons() {
        return registry.list(ResourceTypes.EVENT).stream().map(event -> event.path("reason").asText()).toList();
    }

    @Test
    void startsAJobAtTheScheduledTimeAndComesBackAtTheNext() {
        seed("Allow");
        assertThat(reconciler.reconcile(KEY)).isEqualTo(Result.requeueAfter(Duration.ofMinutes(5).plusMillis(100)));
        assertThat(jobNames()).isEmpty();

        clock.advance(Duration.ofMinutes(5).plusSeconds(2));
        Result result = reconciler.reconcile(KEY);

        assertThat(jobNames()).containsExactly(jobAt("00:05:00"));
        ObjectNode job = registry.get(ResourceTypes.JOB, "default", jobAt("00:05:00")).orElseThrow();
        assertThat(job.at("/metadata/ownerReferences/0/name").asText()).isEqualTo("hello");
        assertThat(job.at("/metadata/annotations").get(ScheduledJobs.SCHEDULED_TIMESTAMP).asText())
                .isEqualTo("2026-01-01T00:05:00Z");
        JsonNode status = cronJobNow().path("status");
        assertThat(status.at("/active/0/name").asText()).isEqualTo(jobAt("00:05:00"));
        assertThat(status.at("/active/0/uid").asText()).isEqualTo(job.at("/metadata/uid").asText());
        assertThat(status.path("lastScheduleTime").asText()).isEqualTo("2026-01-01T00:05:00Z");
        assertThat(reasons()).containsExactly("SuccessfulCreate");
        assertThat(result).isEqualTo(Result.requeueAfter(Duration.ofMinutes(5).minusSeconds(2).plusMillis(100)));
    }

    @Test
    void aRunningCronJobWritesNothingOnASecondReconcile() {
        seed("Allow");
        clock.advance(Duration.ofMinutes(5));
        registry.settle(5, () -> reconciler.reconcile(KEY));

        registry.assertWritesNothing(() -> reconciler.reconcile(KEY));
    }

    @Test
    void forbidSkipsARunWhileTheJobRunsAndStartsTheNextOnceItSucceeded() {
        seed("Forbid");
        clock.advance(Duration.ofMinutes(5));
        reconciler.reconcile(KEY);
        clock.advance(Duration.ofMinutes(5));

        reconciler.reconcile(KEY);
        assertThat(jobNames()).containsExactly(jobAt("00:05:00"));
        assertThat(reasons()).contains("JobAlreadyActive");

        finish(jobAt("00:05:00"), "Complete");
        clock.advance(Duration.ofMinutes(5));
        reconciler.reconcile(KEY);

        assertThat(jobNames()).containsExactly(jobAt("00:05:00"), jobAt("00:15:00"));
        JsonNode status = cronJobNow().path("status");
        assertThat(status.at("/active/0/name").asText()).isEqualTo(jobAt("00:15:00"));
        assertThat(status.path("active")).hasSize(1);
        assertThat(status.path("lastSuccessfulTime").asText()).isEqualTo("2026-01-01T00:10:00Z");
    }

    @Test
    void replaceDeletesTheRunningJobForTheNewOne() {
        seed("Replace");
        clock.advance(Duration.ofMinutes(5));
        reconciler.reconcile(KEY);
        clock.advance(Duration.ofMinutes(5));

        reconciler.reconcile(KEY);

        assertThat(jobNames()).containsExactly(jobAt("00:10:00"));
        assertThat(cronJobNow().at("/status/active/0/name").asText()).isEqualTo(jobAt("00:10:00"));
        assertThat(cronJobNow().path("status").path("active")).hasSize(1);
        assertThat(reasons()).contains("SuccessfulDelete");
    }

    @Test
    void finishedJobsPastTheHistoryLimitsAreDeletedOldestFirst() {
        seed("Allow");
        for (String time : List.of("00:05:00", "00:10:00", "00:15:00", "00:20:00", "00:25:00")) {
            clock.advance(Duration.ofMinutes(5));
            reconciler.reconcile(KEY);
            finish(ScheduledJobs.name("hello", Instant.parse("2026-01-01T" + time + "Z")), "Complete");
        }
        clock.advance(Duration.ofSeconds(10));

        reconciler.reconcile(KEY);

        assertThat(jobNames()).containsExactly(jobAt("00:15:00"), jobAt("00:20:00"), jobAt("00:25:00"));
        assertThat(cronJobNow().path("status").path("active")).isEmpty();
    }

    @Test
    void anActiveJobDeletedBehindItsBackLeavesTheActiveList() {
        seed("Forbid");
        clock.advance(Duration.ofMinutes(5));
        reconciler.reconcile(KEY);
        registry.client().delete(ResourceTypes.JOB, "default", jobAt("00:05:00"), DeleteOptions.defaults());

        reconciler.reconcile(KEY);

        assertThat(cronJobNow().path("status").path("active")).isEmpty();
        assertThat(reasons()).contains("MissingJob");
    }

    @Test
    void anUnreadableScheduleIsRefusedAtAdmissionNamingTheField() {
        ObjectNode cronJob = cronJob("61 * * * *");
        cronJob.withObjectProperty("metadata").remove(List.of("uid", "creationTimestamp"));

        assertThatThrownBy(() -> registry.seed(ResourceTypes.CRON_JOB, cronJob))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.causes()).extracting(ApiException.Cause::field).contains("spec.schedule");
                    assertThat(e.getMessage()).contains("61 * * * *");
                });
    }
}
