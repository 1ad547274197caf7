package dev.orc.api.model;

/** batch/v1 Job. */
public record Job(String apiVersion, String kind, ObjectMeta metadata, JobSpec spec, JobStatus status)
        implements KubeObject {
    public static final String API_VERSION = "batch/v1";
    public static final String KIND = "Job";

    public static Job of(ObjectMeta metadata, JobSpec spec) {
        return new Job(API_VERSION, KIND, metadata, spec, null);
    }

    @Override
    public Job withMetadata(ObjectMeta metadata) {
        return new Job(apiVersion, kind, metadata, spec, status);
    }

    public Job withSpec(JobSpec spec) {
        return new Job(apiVersion, kind, metadata, spec, status);
    }

    public Job withStatus(JobStatus status) {
        return new Job(apiVersion, kind, metadata, spec, status);
    }
}
