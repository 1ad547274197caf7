package dev.orc.reconciler.scheduler.queue;

import dev.orc.api.cache.ObjectKey;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulingQueueTest {
    private static final ObjectKey A = new ObjectKey("default", "a");
    private static final ObjectKey B = new ObjectKey("default", "b");

    private final ManualClock clock = new ManualClock();
    private final SchedulingQueue queue = new SchedulingQueue(clock, Duration.ofSeconds(1), Duration.ofSeconds(4));

    private Optional<ObjectKey> pop() throws InterruptedException {
        return queue.get(Duration.ZERO);
    }

    @Test
    void aPodAddedTwiceIsHandedOutOnceInArrivalOrder() throws Exception {
        queue.add(A);
        queue.add(B);
        queue.add(A);
        assertThat(pop()).contains(A);
        assertThat(pop()).contains(B);
        assertThat(pop()).isEmpty();
    }

    @Test
    void anUnschedulablePodComesBackAfterADoublingCappedBackoff() throws Exception {
        assertThat(queue.addUnschedulable(A)).isEqualTo(Duration.ofSeconds(1));
        assertThat(pop()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(pop()).contains(A);
        assertThat(queue.addUnschedulable(A)).isEqualTo(Duration.ofSeconds(2));
        assertThat(queue.addUnschedulable(A)).isEqualTo(Duration.ofSeconds(4));
        assertThat(queue.addUnschedulable(A)).isEqualTo(Duration.ofSeconds(4));
        queue.forget(A);
        assertThat(queue.addUnschedulable(A)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aClusterChangeMakesEveryUnschedulablePodActiveAtOnce() throws Exception {
        queue.addUnschedulable(A);
        queue.addUnschedulable(B);
        assertThat(queue.unschedulableCount()).isEqualTo(2);
        queue.moveAllToActive();
        assertThat(queue.unschedulableCount()).isZero();
        assertThat(pop()).isPresent();
        assertThat(pop()).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(pop()).as("the expired backoff does not hand them out again").isEmpty();
    }

    @Test
    void aRemovedPodIsNeverHandedOut() throws Exception {
        queue.add(A);
        queue.addUnschedulable(B);
        queue.remove(A);
        queue.remove(B);
        clock.advance(Duration.ofMinutes(1));
        queue.moveAllToActive();
        assertThat(pop()).isEmpty();
    }
}
