package dev.orc.api.workqueue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DelayedKeysTest {
    private final ManualClock clock = new ManualClock();
    private final DelayedKeys<String> delayed = new DelayedKeys<>(clock);

    private List<String> due() {
        List<String> keys = new ArrayList<>();
        delayed.takeDue(keys::add);
        return keys;
    }

    @Test
    void keysComeDueInTimeOrderAndOnlyOnce() {
        delayed.schedule("late", clock.instant().plusSeconds(2));
        delayed.schedule("early", clock.instant().plusSeconds(1));
        assertThat(due()).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(due()).containsExactly("early", "late");
        assertThat(due()).isEmpty();
        assertThat(delayed.size()).isZero();
    }

    @Test
    void aRescheduledKeyComesDueOnlyAtItsNewTime() {
        delayed.schedule("a", clock.instant().plusSeconds(1));
        delayed.schedule("a", clock.instant().plusSeconds(5));
        clock.advance(Duration.ofSeconds(1));
        assertThat(due()).isEmpty();
        assertThat(delayed.dueAt("a")).contains(clock.instant().plusSeconds(4));
        clock.advance(Duration.ofSeconds(4));
        assertThat(due()).containsExactly("a");
    }

    @Test
    void aRemovedKeyNeverComesDue() {
        delayed.schedule("a", clock.instant().plusSeconds(1));
        delayed.remove("a");
        clock.advance(Duration.ofSeconds(1));
        assertThat(due()).isEmpty();
    }

    @Test
    void takeAllEmptiesIt() {
        delayed.schedule("a", clock.instant().plusSeconds(1));
        delayed.schedule("b", clock.instant().plusSeconds(2));
        assertThat(delayed.takeAll()).containsExactlyInAnyOrder("a", "b");
        assertThat(delayed.isEmpty()).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(due()).isEmpty();
    }

    @Test
    void waitIsBoundedByPollRemainingTimeAndTheEarliestKey() {
        Duration poll = Duration.ofMillis(250);
        assertThat(delayed.nanosToWait(Duration.ofSeconds(1).toNanos(), poll)).isEqualTo(poll.toNanos());
        assertThat(delayed.nanosToWait(Duration.ofMillis(10).toNanos(), poll)).isEqualTo(Duration.ofMillis(10).toNanos());
        delayed.schedule("a", clock.instant().plusMillis(50));
        assertThat(delayed.nanosToWait(Duration.ofSeconds(1).toNanos(), poll)).isEqualTo(Duration.ofMillis(50).toNanos());
        clock.advance(Duration.ofMillis(50));
        assertThat(delayed.nanosToWait(Duration.ofSeconds(1).toNanos(), poll)).isEqualTo(Duration.ofMillis(1).toNanos());
    }
}
