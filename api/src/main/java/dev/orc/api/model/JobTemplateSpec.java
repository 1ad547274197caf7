package dev.orc.api.model;

/** The Jobs a CronJob creates: their labels and annotations, and their spec. */
public record JobTemplateSpec(ObjectMeta metadata, JobSpec spec) {
}
