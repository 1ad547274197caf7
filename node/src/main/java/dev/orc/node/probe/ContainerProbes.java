package dev.orc.node.probe;

import dev.orc.api.model.Container;
import dev.orc.api.model.Probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The probes of one container attempt and what they add up to, as the kubelet reads them: not started
 * until a startup probe succeeded (liveness and readiness wait for it); alive until the liveness or the
 * startup probe failed failureThreshold times; ready once started and the readiness probe succeeded.
 */
final class ContainerProbes {

    /** A probe whose result just changed. */
    record Change(ProbeKind kind, boolean result, String message) {
    }

    private final ProbeTarget target;
    private final Map<ProbeKind, ProbeTracker> trackers = new EnumMap<>(ProbeKind.class);

    ContainerProbes(ProbeTarget target, Instant startedAt) {
        this.target = target;
        for (ProbeKind kind : ProbeKind.values()) {
            Probe probe = kind.of(target.container());
            if (probe != null) {
                trackers.put(kind, new ProbeTracker(kind, ProbeTiming.of(probe, kind), startedAt));
            }
        }
    }

    static boolean hasProbes(Container container) {
        return container.livenessProbe() != null || container.readinessProbe() != null
                || container.startupProbe() != null;
    }

    ProbeTarget target() {
        return target;
    }

    synchronized boolean started() {
        ProbeTracker startup = trackers.get(ProbeKind.STARTUP);
        return startup == null || startup.result().orElse(false);
    }

    synchronized boolean alive() {
        return !failed(ProbeKind.LIVENESS) && !failed(ProbeKind.STARTUP);
    }

    synchronized boolean ready() {
        ProbeTracker readiness = trackers.get(ProbeKind.READINESS);
        return started() && (readiness == null || readiness.result().orElse(false));
    }

    private boolean failed(ProbeKind kind) {
        ProbeTracker tracker = trackers.get(kind);
        return tracker != null && !tracker.result().orElse(true);
    }

    /** The terminationGracePeriodSeconds of the failed liveness or startup probe, if it sets one. */
    synchronized Optional<java.time.Duration> killGrace() {
        for (ProbeKind kind : List.of(ProbeKind.STARTUP, ProbeKind.LIVENESS)) {
            Probe probe = kind.of(target.container());
            if (failed(kind) && probe.terminationGracePeriodSeconds() != null) {
                return Optional.of(java.time.Duration.ofSeconds(Math.max(0, probe.terminationGracePeriodSeconds())));
            }
        }
        return Optional.empty();
    }

    /** The probes to run now, each marked begun: the startup probe until it succeeded, then the others. */
    synchronized List<ProbeKind> begin(Instant now) {
        List<ProbeKind> due = new ArrayList<>();
        if (!alive()) {
            return due;
        }
        boolean started = started();
        for (ProbeTracker tracker : trackers.values()) {
            boolean runs = tracker.kind() == ProbeKind.STARTUP ? !started : started;
            if (runs && tracker.due(now)) {
                tracker.begin(now);
                due.add(tracker.kind());
            }
        }
        return due;
    }

    /** The earliest time a probe of this container may run next, if any will. */
    synchronized Optional<Instant> nextRun() {
        boolean started = started();
        return trackers.values().stream()
                .filter(t -> t.kind() == ProbeKind.STARTUP ? !started : started)
                .map(ProbeTracker::nextRun).min(Instant::compareTo);
    }

    Probe probe(ProbeKind kind) {
        return kind.of(target.container());
    }

    ProbeTiming timing(ProbeKind kind) {
        return trackers.get(kind).timing();
    }

    synchronized Optional<Change> record(ProbeKind kind, ProbeOutcome outcome) {
        return trackers.get(kind).record(outcome).map(result -> new Change(kind, result, outcome.message()));
    }
}
