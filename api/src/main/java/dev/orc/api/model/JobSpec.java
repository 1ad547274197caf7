package dev.orc.api.model;

/** The desired run of a Job: how many pods must succeed, how many at once, and its limits. */
public record JobSpec(Integer parallelism, Integer completions, Long activeDeadlineSeconds, Integer backoffLimit,
                      LabelSelector selector, Boolean manualSelector, PodTemplateSpec template,
                      Integer ttlSecondsAfterFinished, String completionMode, Boolean suspend) {
    public static final String NON_INDEXED = "NonIndexed";
    public static final String INDEXED = "Indexed";

    public static JobSpec of(PodTemplateSpec template) {
        return new JobSpec(null, null, null, null, null, null, template, null, null, null);
    }

    public JobSpec withSelector(LabelSelector selector) {
        return new JobSpec(parallelism, completions, activeDeadlineSeconds, backoffLimit, selector, manualSelector,
                template, ttlSecondsAfterFinished, completionMode, suspend);
    }

    public JobSpec withSuspend(Boolean suspend) {
        return new JobSpec(parallelism, completions, activeDeadlineSeconds, backoffLimit, selector, manualSelector,
                template, ttlSecondsAfterFinished, completionMode, suspend);
    }
}
