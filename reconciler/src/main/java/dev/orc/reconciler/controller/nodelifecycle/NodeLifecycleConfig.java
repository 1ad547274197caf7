package dev.orc.reconciler.controller.nodelifecycle;

import java.time.Duration;

/**
 * How quickly orc gives up on a node: a node whose heartbeat is older than {@code gracePeriod} is unreachable, and a
 * pod with no toleration of its own for an unreachable or not-ready node is evicted {@code defaultToleration} after
 * the node was tainted.
 * <p>
 * The grace period is Kubernetes' {@code node-monitor-grace-period} (40 s) and for the same reason: it must outlast
 * what an agent that is alive needs to be heard again, a heartbeat stuck on a connection that died silently (the
 * client's request timeout) plus the next heartbeat, and a restart of the agent, which adopts the containers it left
 * running (as the kubelet does, an agent that stops does not mark its node not ready: its pods are not going away).
 * Once a node is unreachable, orc evicts in seconds, where Kubernetes waits 300 s.
 */
public record NodeLifecycleConfig(Duration gracePeriod, Duration defaultToleration) {
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(40);
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
