package dev.orc.reconciler.scheduler;

import dev.orc.api.cache.ObjectKey;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatedEventsTest {
    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private final ManualClock clock = new ManualClock();
    private final RepeatedEvents events = new RepeatedEvents(clock, INTERVAL);
    private final ObjectKey pod = new ObjectKey("default", "big");

    @Test
    void theFirstEventAChangedMessageAndARepeatAfterTheIntervalAreRecorded() {
        assertThat(events.take(pod, "0/1 nodes are available: 1 Insufficient cpu.")).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(events.take(pod, "0/1 nodes are available: 1 Insufficient cpu.")).as("a repeat within 5 min").isFalse();
        assertThat(events.take(pod, "0/2 nodes are available: 2 Insufficient cpu.")).as("another message").isTrue();
        clock.advance(Duration.ofMinutes(4));
        assertThat(events.take(pod, "0/2 nodes are available: 2 Insufficient cpu.")).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(events.take(pod, "0/2 nodes are available: 2 Insufficient cpu.")).as("5 min after the last").isTrue();
    }

    @Test
    void eachPodHasItsOwnLastEvent() {
        assertThat(events.take(pod, "m")).isTrue();
        assertThat(events.take(new ObjectKey("default", "other"), "m")).isTrue();
        assertThat(events.take(new ObjectKey("shop", "big"), "m")).isTrue();
    }

    @Test
    void podsNotReportedForAnIntervalAreForgotten() {
        for (int i = 0; i < 100; i++) {
            events.take(new ObjectKey("default", "p" + i), "m");
        }
        clock.advance(INTERVAL);

        events.take(pod, "m");

        assertThat(events.size()).isEqualTo(1);
    }
}
