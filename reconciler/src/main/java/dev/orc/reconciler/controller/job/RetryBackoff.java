package dev.orc.reconciler.controller.job;

import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.wait.Backoff;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The delay before a Job replaces a failed pod, as Kubernetes computes it: 10 s after the first failure since the
 * last success, doubling with each further one, at most 6 minutes, counted from the last failure.
 */
public final class RetryBackoff {
    private static final Backoff BACKOFF = Backoff.exponential(Duration.ofSeconds(10), Duration.ofMinutes(6));

    private RetryBackoff() {
    }

    /** The delay after {@code failures} consecutive failures (none for zero). */
    public static Duration delay(int failures) {
        return BACKOFF.delay(failures);
    }

    /** When the Job may start a new pod, given its finished pods; empty when it may right away. */
    static Optional<Instant> nextStart(List<Pod> finished) {
        Instant lastSuccess = finished.stream().filter(p -> PodStatus.SUCCEEDED.equals(p.phase()))
                .map(JobPods::finishedAt).max(Instant::compareTo).orElse(Instant.MIN);
        List<Instant> failuresSince = finished.stream().filter(p -> PodStatus.FAILED.equals(p.phase()))
                .map(JobPods::finishedAt).filter(t -> t.isAfter(lastSuccess)).toList();
        if (failuresSince.isEmpty()) {
            return Optional.empty();
        }
        Instant lastFailure = failuresSince.stream().max(Instant::compareTo).orElseThrow();
        return Optional.of(lastFailure.plus(delay(failuresSince.size())));
    }
}
