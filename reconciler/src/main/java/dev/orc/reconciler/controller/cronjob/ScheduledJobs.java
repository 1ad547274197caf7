package dev.orc.reconciler.controller.cronjob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ControllerRefs;
import dev.orc.api.model.Job;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The Job a CronJob starts for one scheduled time, as Kubernetes makes it: named {@code <cronjob>-<scheduled time in
 * minutes since the epoch>} (so one time can never start two Jobs), with the template's labels and annotations, the
 * scheduled time as an annotation (in the CronJob's time zone, else UTC), and the CronJob as its controller.
 */
final class ScheduledJobs {
    static final String SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    private ScheduledJobs() {
    }

    static String name(String cronJobName, Instant scheduled) {
        return cronJobName + "-" + scheduled.getEpochSecond() / 60;
    }

    static ObjectNode of(ObjectNode cronJob, Instant scheduled, ZoneId annotationZone) {
        JsonNode metadata = cronJob.path("metadata");
        JsonNode template = cronJob.path("spec").path("jobTemplate");
        ObjectNode job = Json.object();
        job.put("apiVersion", Job.API_VERSION);
        job.put("kind", Job.KIND);
        ObjectNode jobMeta = job.putObject("metadata");
        jobMeta.put("name", name(metadata.path("name").asText(), scheduled));
        jobMeta.put("namespace", metadata.path("namespace").asText());
        if (template.path("metadata").path("labels") instanceof ObjectNode labels) {
            jobMeta.set("labels", labels.deepCopy());
        }
        ObjectNode annotations = jobMeta.putObject("annotations");
        if (template.path("metadata").path("annotations") instanceof ObjectNode templateAnnotations) {
            annotations.setAll(templateAnnotations.deepCopy());
        }
        annotations.put(SCHEDULED_TIMESTAMP,
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(scheduled.atZone(annotationZone).toOffsetDateTime()));
        jobMeta.putArray("ownerReferences").add(ControllerRefs.reference(cronJob));
        job.set("spec", template.path("spec") instanceof ObjectNode spec ? spec.deepCopy() : Json.object());
        return job;
    }
}
