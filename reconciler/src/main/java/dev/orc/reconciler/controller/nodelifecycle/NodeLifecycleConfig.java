package dev.orc.reconciler.controller.nodelifecycle;

import java.time.Duration;

/**
 * How quickly orc gives up on a node: a node whose heartbeat is older than {@code gracePeriod} is unreachable, and a
 * pod with no toleration of its own for an unreachable or not-ready node is evicted {@code defaultToleration} after
 * the node was tainted. Kubernetes waits 40 s and 300 s; orc fails over in seconds, as Swarm does.
 */
public record NodeLifecycleConfig(Duration gracePeriod, Duration defaultToleration) {
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(12);
    public static final Duration DEFAULT_TOLERATION = Duration.ofSeconds(3);

    public NodeLifecycleConfig {
        if (gracePeriod == null || gracePeriod.isNegative() || gracePeriod.isZero()) {
            throw new IllegalArgumentException("node grace period must be positive, got " + gracePeriod);
        }
        if (defaultToleration == null || defaultToleration.isNegative()) {
            throw new IllegalArgumentException("default toleration must not be negative, got " + defaultToleration);
        }
    }

    public static NodeLifecycleConfig defaults() {
        return new NodeLifecycleConfig(DEFAULT_GRACE_PERIOD, DEFAULT_TOLERATION);
    }
}
