package dev.orc.node.probe;

import dev.orc.api.model.Container;
import dev.orc.api.model.Probe;

/** The three probes a container may have, and what each one's failure means. */
public enum ProbeKind {
    /** Held back until the startup probe succeeded; enough failures restart the container. */
    LIVENESS("Liveness"),
    /** Held back until the startup probe succeeded; decides whether the container is ready. */
    READINESS("Readiness"),
    /** Runs first; until it succeeds the others do not run; enough failures restart the container. */
    STARTUP("Startup");

    private final String title;

    ProbeKind(String title) {
        this.title = title;
    }

    /** As Kubernetes words it in events: {@code Liveness probe failed: ...}. */
    public String title() {
        return title;
    }

    /** The container's probe of this kind, or null. */
    public Probe of(Container container) {
        return switch (this) {
            case LIVENESS -> container.livenessProbe();
            case READINESS -> container.readinessProbe();
            case STARTUP -> container.startupProbe();
        };
    }
}
