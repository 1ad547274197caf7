package dev.orc.api.model;

/** batch/v1 CronJob: a Job started on a schedule. */
public record CronJob(String apiVersion, String kind, ObjectMeta metadata, CronJobSpec spec, CronJobStatus status)
        implements KubeObject {
    public static final String API_VERSION = "batch/v1";
    public static final String KIND = "CronJob";

    @Override
    public CronJob withMetadata(ObjectMeta metadata) {
        return new CronJob(apiVersion, kind, metadata, spec, status);
    }

    public CronJob withStatus(CronJobStatus status) {
        return new CronJob(apiVersion, kind, metadata, spec, status);
    }
}
