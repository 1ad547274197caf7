package dev.orc.reconciler.controller.runtime;

import java.time.Duration;

/** What one reconcile asks of the framework: nothing more, or another look after a while. */
public record Result(Duration requeueAfter) {
    private static final Result DONE = new Result(null);

    public static Result done() {
        return DONE;
    }

    public static Result requeueAfter(Duration delay) {
        return new Result(delay);
    }

    public boolean requeue() {
        return requeueAfter != null;
    }
}
