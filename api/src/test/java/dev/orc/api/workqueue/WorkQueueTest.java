package dev.orc.api.workqueue;

import dev.orc.api.wait.Backoff;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WorkQueueTest {
    private final ManualClock clock = new ManualClock();
    private final WorkQueue<String> queue = WorkQueue.create(clock);

    private Optional<String> next() throws InterruptedException {
        return queue.get(Duration.ZERO);
    }

    @Test
    void aKeyAddedManyTimesRunsOnce() throws Exception {
        queue.add("a");
        queue.add("b");
        queue.add("a");
        assertThat(next()).contains("a");
        assertThat(next()).contains("b");
        assertThat(next()).isEmpty();
    }

    @Test
    void aKeyBeingProcessedIsNotHandedOutAgainUntilDone() throws Exception {
        queue.add("a");
        assertThat(next()).contains("a");
        queue.add("a");
        assertThat(next()).isEmpty();
        queue.done("a");
        assertThat(next()).contains("a");
        queue.done("a");
        assertThat(next()).isEmpty();
    }

    @Test
    void delayedKeysWaitForTheClock() throws Exception {
        queue.addAfter("a", Duration.ofSeconds(5));
        assertThat(next()).isEmpty();
        clock.advance(Duration.ofSeconds(4));
        assertThat(next()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(next()).contains("a");
    }

    @Test
    void theEarlierOfTwoDelaysWins() throws Exception {
        queue.addAfter("a", Duration.ofSeconds(10));
        queue.addAfter("a", Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(next()).contains("a");
        queue.done("a");
        clock.advance(Duration.ofSeconds(10));
        assertThat(next()).isEmpty();
    }

    @Test
    void rateLimitedRetriesBackOffExponentiallyUntilForgotten() throws Exception {
        RateLimiter<String> limiter = new RateLimiter<>(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(8)), 1000, 1000, clock);
        assertThat(limiter.when("a")).isEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.when("a")).isEqualTo(Duration.ofSeconds(2));
        assertThat(limiter.when("a")).isEqualTo(Duration.ofSeconds(4));
        assertThat(limiter.when("a")).isEqualTo(Duration.ofSeconds(8));
        assertThat(limiter.when("a")).isEqualTo(Duration.ofSeconds(8));
        assertThat(limiter.when("b")).isEqualTo(Duration.ofSeconds(1));
        limiter.forget("a");
        assertThat(limiter.when("a")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theGlobalBucketSpacesOutBursts() {
        RateLimiter<String> limiter = new RateLimiter<>(Backoff.exponential(Duration.ZERO, Duration.ZERO), 10, 2, clock);
        assertThat(limiter.when("a")).isZero();
        assertThat(limiter.when("b")).isZero();
        assertThat(limiter.when("c")).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void addRateLimitedUsesTheBackoff() throws Exception {
        queue.addRateLimited("a");
        queue.addRateLimited("a");
        assertThat(queue.failures("a")).isEqualTo(2);
        clock.advance(Duration.ofMillis(5));
        assertThat(next()).contains("a");
    }

    @Test
    void shutDownWakesWaitingWorkers() throws Exception {
        Thread shutter = Thread.ofVirtual().start(() -> queue.shutDown());
        assertThat(queue.get(Duration.ofSeconds(30))).isEmpty();
        shutter.join();
    }
}
