package dev.orc.cli.e2e;

import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/** Bounded polling for the browser drivers: a probe answers a value once its condition holds, null until then. */
final class Waits {
    private Waits() {
    }

    /**
     * Polls {@code probe} until it answers a value, for at most {@code atMost}. A probe's exception counts as "not
     * yet" (the page may be redrawing); the last one is kept, unless the time-out's interruption caused it. On time-out
     * the failure names what was awaited, the last exception and what {@code onTimeout} reports (the page as it
     * stands, after saving a screenshot of it).
     */
    static <T> T until(String what, Duration atMost, Supplier<T> probe, Supplier<String> onTimeout) {
        AtomicReference<T> found = new AtomicReference<>();
        AtomicReference<RuntimeException> lastFailure = new AtomicReference<>();
        try {
            await(what).atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
                try {
                    found.set(probe.get());
                } catch (RuntimeException e) {
                    if (!Thread.currentThread().isInterrupted()) {
                        lastFailure.set(e);
                    }
                    return false;
                }
                return found.get() != null;
            });
        } catch (ConditionTimeoutException e) {
            String failure = lastFailure.get() == null ? "" : "; last probe failed: " + lastFailure.get().getMessage();
            AssertionError timedOut = new AssertionError(what + " did not happen within " + atMost + failure + "\n"
                    + described(onTimeout), e);
            if (lastFailure.get() != null) {
                timedOut.addSuppressed(lastFailure.get());
            }
            throw timedOut;
        }
        return found.get();
    }

    private static String described(Supplier<String> onTimeout) {
        try {
            return onTimeout.get();
        } catch (RuntimeException e) {
            return "(the page could not be described: " + e.getMessage() + ")";
        }
    }

    /** The screenshot file name a failed wait for {@code what} saves. */
    static String failureName(String what) {
        return "failed-" + what.replaceAll("[^A-Za-z0-9]+", "-");
    }
}
