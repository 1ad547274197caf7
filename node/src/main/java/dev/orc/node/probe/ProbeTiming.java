package dev.orc.node.probe;

import dev.orc.api.model.Probe;

import java.time.Duration;

/**
 * A probe's timing with Kubernetes' defaults filled in: no initial delay, a 1 s timeout, every 10 s,
 * 1 success and 3 failures to change its result. Liveness and startup probes always need 1 success,
 * as Kubernetes' validation demands.
 */
public record ProbeTiming(Duration initialDelay, Duration timeout, Duration period, int successThreshold,
                          int failureThreshold) {

    public static ProbeTiming of(Probe probe, ProbeKind kind) {
        int success = kind == ProbeKind.READINESS ? atLeastOne(probe.successThreshold(), 1) : 1;
        return new ProbeTiming(Duration.ofSeconds(Math.max(0, orDefault(probe.initialDelaySeconds(), 0))),
                Duration.ofSeconds(atLeastOne(probe.timeoutSeconds(), 1)),
                Duration.ofSeconds(atLeastOne(probe.periodSeconds(), 10)),
                success, atLeastOne(probe.failureThreshold(), 3));
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static int atLeastOne(Integer value, int fallback) {
        return Math.max(1, orDefault(value, fallback));
    }
}
