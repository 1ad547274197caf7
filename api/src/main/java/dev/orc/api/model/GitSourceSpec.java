package dev.orc.api.model;

import java.time.Duration;
import java.util.List;

/**
 * Which repository, ref and path a GitSource syncs, how often, and how; {@code serviceAccountName} is the service
 * account of the source's namespace it applies as (Flux's field of the same name).
 */
public record GitSourceSpec(
        String url,
        Ref ref,
        String path,
        String interval,
        Boolean prune,
        Boolean selfHeal,
        Boolean suspend,
        LocalObjectReference secretRef,
        Webhook webhook,
        String targetNamespace,
        String serviceAccountName,
        @OmitEmpty List<Dependency> dependsOn) {
    public static final String DEFAULT_INTERVAL = "1m";
    /** The shortest interval: below it a source would fetch and write its status in a loop. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    public GitSourceSpec {
        dependsOn = Immutable.list(dependsOn);
    }

    public static GitSourceSpec of(String url) {
        return new GitSourceSpec(url, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** One of branch, tag and commit; none means the repository's default branch (its HEAD). */
    public record Ref(String branch, String tag, String commit) {
        public static Ref branch(String branch) {
            return new Ref(branch, null, null);
        }
    }

    /** The shared secret that signs webhook deliveries. */
    public record Webhook(LocalObjectReference secretRef) {
    }

    /** Another GitSource that must be Synced and Healthy first (namespace defaults to this one's). */
    public record Dependency(String name, String namespace) {
    }

    /** The sync interval, parsed ({@code 1m} when unset), never below {@link #MIN_INTERVAL}. */
    public Duration intervalDuration() {
        Duration parsed = Durations.parse(interval == null ? DEFAULT_INTERVAL : interval);
        return parsed.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : parsed;
    }

    public boolean suspended() {
        return Boolean.TRUE.equals(suspend);
    }

    public GitSourceSpec withSuspend(Boolean suspend) {
        return new GitSourceSpec(url, ref, path, interval, prune, selfHeal, suspend, secretRef, webhook,
                targetNamespace, serviceAccountName, dependsOn);
    }

    public GitSourceSpec withRef(Ref ref) {
        return new GitSourceSpec(url, ref, path, interval, prune, selfHeal, suspend, secretRef, webhook,
                targetNamespace, serviceAccountName, dependsOn);
    }
}
