package dev.orc.reconciler.apiserver.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A request past its deadline is interrupted and reported as a timeout; others are left alone. */
class RequestDeadlinesTest {

    @Test
    void workWithinTheDeadlineAnswersAndLeavesNoInterrupt() throws Exception {
        try (RequestDeadlines deadlines = new RequestDeadlines(Duration.ofSeconds(30))) {
            assertThat(deadlines.run(() -> "done")).isEqualTo("done");
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    void blockedWorkIsInterruptedAtItsDeadlineAndTimesOut() {
        try (RequestDeadlines deadlines = new RequestDeadlines(Duration.ofMillis(300))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> deadlines.run(() -> {
                try {
                    new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                    return "never";
                } catch (InterruptedException e) {
                    throw new IllegalStateException("interrupted", e);
                }
            })).isInstanceOf(TimeoutException.class).hasMessageContaining("did not complete within");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    void aFailureBeforeTheDeadlineIsItsOwn() {
        try (RequestDeadlines deadlines = new RequestDeadlines(Duration.ofSeconds(30))) {
            assertThatThrownBy(() -> deadlines.run(() -> {
                throw new IllegalArgumentException("bad input");
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad input");
        }
    }
}
