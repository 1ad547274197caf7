package dev.orc.node.probe;

import dev.orc.api.model.Probe;

import java.time.Duration;

/** Runs one probe action once; never throws, a failure is an outcome. Called from many threads at once. */
@FunctionalInterface
public interface Prober {
    ProbeOutcome probe(ProbeTarget target, Probe probe, Duration timeout);
}
