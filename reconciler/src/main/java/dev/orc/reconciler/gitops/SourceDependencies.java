package dev.orc.reconciler.gitops;

import dev.orc.api.cache.ObjectKey;
import dev.orc.api.model.GitSource;
import dev.orc.api.model.GitSourceSpec;
import dev.orc.api.model.GitSourceStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** {@code spec.dependsOn}: the other sources that must be Synced and Healthy before this one syncs. */
final class SourceDependencies {
    private static final String UNKNOWN = "Unknown";

    private SourceDependencies() {
    }

    /** What the source is waiting for, one phrase per unready dependency; empty when it may sync. */
    static List<String> waitingFor(GitSource source, Function<ObjectKey, Optional<GitSource>> lookup) {
        List<String> waiting = new ArrayList<>();
        for (GitSourceSpec.Dependency dependency : source.spec().dependsOn()) {
            String namespace = dependency.namespace() == null || dependency.namespace().isEmpty()
                    ? source.metadata().namespace() : dependency.namespace();
            ObjectKey key = new ObjectKey(namespace, dependency.name());
            Optional<GitSource> other = lookup.apply(key);
            if (other.isEmpty()) {
                waiting.add("GitSource " + key + " (not found)");
                continue;
            }
            GitSourceStatus status = other.get().status();
            String sync = status == null || status.sync() == null ? UNKNOWN : status.sync();
            String health = status == null || status.health() == null ? UNKNOWN : status.health();
            if (!GitSourceStatus.SYNCED.equals(sync) || !GitSourceStatus.HEALTHY.equals(health)) {
                waiting.add("GitSource " + key + " (" + sync + ", " + health + ")");
            }
        }
        return waiting;
    }
}
