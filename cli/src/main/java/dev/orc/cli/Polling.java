package dev.orc.cli;

import dev.orc.api.wait.Backoff;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Waits for a condition the server reports, for {@code rollout status}, {@code drain} and {@code sync --wait}:
 * asks again and again, 100 ms apart at first and then up to 1 s apart, until the answer is present or the
 * timeout has passed.
 */
final class Polling {
    private static final Backoff PAUSES = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1));

    private Polling() {
    }

    /** The first present answer of {@code check}, or empty when {@code timeout} passed without one. */
    static <T> Optional<T> until(Duration timeout, Supplier<Optional<T>> check) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Backoff.Failures pauses = PAUSES.failures();
        while (true) {
            Optional<T> answer = check.get();
            if (answer.isPresent()) {
                return answer;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, pauses.next().toNanos()));
        }
    }
}
