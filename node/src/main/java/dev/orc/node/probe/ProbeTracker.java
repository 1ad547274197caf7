package dev.orc.node.probe;

import java.time.Instant;
import java.util.Optional;

/**
 * One probe of one container attempt: when it runs next, and its result, which flips only after
 * successThreshold successes or failureThreshold failures in a row. Not thread-safe: its
 * {@link ContainerProbes} guards it.
 */
final class ProbeTracker {

    private final ProbeKind kind;
    private final ProbeTiming timing;
    private Instant nextRun;
    private boolean inFlight;
    private int successes;
    private int failures;
    private Boolean result;
    private String lastMessage = "";

    ProbeTracker(ProbeKind kind, ProbeTiming timing, Instant containerStarted) {
        this.kind = kind;
        this.timing = timing;
        this.nextRun = containerStarted.plus(timing.initialDelay());
    }

    ProbeKind kind() {
        return kind;
    }

    ProbeTiming timing() {
        return timing;
    }

    boolean due(Instant now) {
        return !inFlight && !now.isBefore(nextRun);
    }

    Instant nextRun() {
        return nextRun;
    }

    /** Marks the run begun at {@code now}; the next one is a period after it. */
    void begin(Instant now) {
        inFlight = true;
        nextRun = now.plus(timing.period());
    }

    /** Records a run's outcome (an errored run counts for nothing); returns the result when this outcome changed it. */
    Optional<Boolean> record(ProbeOutcome outcome) {
        inFlight = false;
        if (outcome.errored()) {
            return Optional.empty();
        }
        lastMessage = outcome.message();
        if (outcome.success()) {
            failures = 0;
            successes++;
            if (successes >= timing.successThreshold() && !Boolean.TRUE.equals(result)) {
                result = true;
                return Optional.of(true);
            }
        } else {
            successes = 0;
            failures++;
            if (failures >= timing.failureThreshold() && !Boolean.FALSE.equals(result)) {
                result = false;
                return Optional.of(false);
            }
        }
        return Optional.empty();
    }

    /** True or false once a threshold was reached; empty before. */
    Optional<Boolean> result() {
        return Optional.ofNullable(result);
    }

    String lastMessage() {
        return lastMessage;
    }
}
