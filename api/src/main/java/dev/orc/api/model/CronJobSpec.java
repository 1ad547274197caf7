package dev.orc.api.model;

/**
 * When a CronJob starts its Jobs and what they are: the schedule (in {@code timeZone}, else the controller's zone),
 * how late a start may still be, whether runs may overlap, and how many finished Jobs to keep.
 */
public record CronJobSpec(String schedule, String timeZone, Long startingDeadlineSeconds, String concurrencyPolicy,
                          Boolean suspend, JobTemplateSpec jobTemplate, Integer successfulJobsHistoryLimit,
                          Integer failedJobsHistoryLimit) {
    /** Runs may overlap. */
    public static final String ALLOW = "Allow";
    /** A run is skipped while the previous one is still active. */
    public static final String FORBID = "Forbid";
    /** A new run replaces the active ones. */
    public static final String REPLACE = "Replace";
    public static final int DEFAULT_SUCCESSFUL_HISTORY = 3;
    public static final int DEFAULT_FAILED_HISTORY = 1;

    public boolean suspended() {
        return Boolean.TRUE.equals(suspend);
    }
}
