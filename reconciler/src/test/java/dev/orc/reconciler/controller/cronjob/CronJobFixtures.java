package dev.orc.reconciler.controller.cronjob;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.Job;

import java.time.Instant;

/** CronJobs and their Jobs for the CronJob controller tests. */
final class CronJobFixtures {
    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private CronJobFixtures() {
    }

    /** CronJob "hello" in "default", created at {@link #CREATED}, with Kubernetes' defaults. */
    static ObjectNode cronJob(String schedule) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"batch/v1","kind":"CronJob",
                 "metadata":{"namespace":"default","name":"hello","uid":"uid-hello","creationTimestamp":"%s"},
                 "spec":{"schedule":"%s","concurrencyPolicy":"Allow","suspend":false,
                         "successfulJobsHistoryLimit":3,"failedJobsHistoryLimit":1,
                         "jobTemplate":{"metadata":{"labels":{"app":"hello"},"annotations":{"team":"ops"}},
                                        "spec":{"backoffLimit":2,"template":{"spec":{"restartPolicy":"OnFailure",
                                                "containers":[{"name":"hello","image":"busybox"}]}}}}}}
                """.formatted(CREATED, schedule));
    }

    static ObjectNode spec(ObjectNode cronJob) {
        return cronJob.withObjectProperty("spec");
    }

    static ObjectNode status(ObjectNode cronJob) {
        return cronJob.withObjectProperty("status");
    }

    /** Lists Job {@code name} (uid {@code uid-<name>}) as active. */
    static ObjectNode active(ObjectNode cronJob, String name) {
        ArrayNode active = status(cronJob).withArrayProperty("active");
        active.addObject().put("apiVersion", "batch/v1").put("kind", "Job").put("namespace", "default")
                .put("name", name).put("uid", "uid-" + name);
        return cronJob;
    }

    /** A Job of "hello" that started at {@code started} and is still running. */
    static Job running(String name, Instant started) {
        return job(name, started, null, null);
    }

    /** A Job of "hello" that started at {@code started} and finished with {@code condition} at {@code finished}. */
    static Job finished(String name, Instant started, String condition, Instant finished) {
        return job(name, started, condition, finished);
    }

    private static Job job(String name, Instant started, String condition, Instant finished) {
        ObjectNode job = (ObjectNode) Json.parse("""
                {"apiVersion":"batch/v1","kind":"Job",
                 "metadata":{"namespace":"default","name":"%s","uid":"uid-%s",
                             "ownerReferences":[{"apiVersion":"batch/v1","kind":"CronJob","name":"hello",
                                                 "uid":"uid-hello","controller":true}]},
                 "spec":{"template":{"spec":{"restartPolicy":"OnFailure","containers":[{"name":"hello","image":"busybox"}]}}},
                 "status":{}}
                """.formatted(name, name));
        ObjectNode status = job.withObjectProperty("status");
        if (started != null) {
            status.put("startTime", started.toString());
        }
        if (condition != null) {
            status.putArray("conditions").addObject().put("type", condition).put("status", "True");
            if (condition.equals("Complete")) {
                status.put("completionTime", finished.toString());
            }
        }
        return Json.convert(job, Job.class);
    }
}
