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
     * Polls {@code probe} (ignoring its exceptions: the page may be redrawing) until it answers a value, for at most
     * {@code atMost}; runs {@code onTimeout} (a screenshot) before failing.
     */
    static <T> T until(String what, Duration atMost, Supplier<T> probe, Runnable onTimeout) {
        AtomicReference<T> found = new AtomicReference<>();
        try {
            await(what).atMost(atMost).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> {
                        found.set(probe.get());
                        return found.get() != null;
                    });
        } catch (ConditionTimeoutException e) {
            onTimeout.run();
            throw e;
        }
        return found.get();
    }

    /** The screenshot file name a failed wait for {@code what} saves. */
    static String failureName(String what) {
        return "failed-" + what.replaceAll("[^A-Za-z0-9]+", "-");
    }
}
