package dev.orc.api.model;

/** orc.dev/v1 GitSource: a Git repository path that orc keeps the cluster in sync with. */
public record GitSource(String apiVersion, String kind, ObjectMeta metadata, GitSourceSpec spec,
                        GitSourceStatus status) implements KubeObject {
    public static final String API_VERSION = "orc.dev/v1";
    public static final String KIND = "GitSource";

    public static GitSource of(ObjectMeta metadata, GitSourceSpec spec) {
        return new GitSource(API_VERSION, KIND, metadata, spec, null);
    }

    @Override
    public GitSource withMetadata(ObjectMeta metadata) {
        return new GitSource(apiVersion, kind, metadata, spec, status);
    }

    public GitSource withSpec(GitSourceSpec spec) {
        return new GitSource(apiVersion, kind, metadata, spec, status);
    }

    public GitSource withStatus(GitSourceStatus status) {
        return new GitSource(apiVersion, kind, metadata, spec, status);
    }
}
