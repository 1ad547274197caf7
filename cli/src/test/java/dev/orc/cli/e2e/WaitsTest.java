package dev.orc.cli.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitsTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    @Test
    void aWaitThatEndsWithoutItsConditionSaysWhatWasAwaitedTheLastFailureAndWhatThePageShowed() {
        assertThatThrownBy(() -> Waits.until("the list", SHORT, () -> {
            throw new IllegalStateException("no such element: main");
        }, () -> "page: https://127.0.0.1/ui/ showing Log in to orc"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the list did not happen within PT0.3S")
                .hasMessageContaining("last probe failed: no such element: main")
                .hasMessageContaining("showing Log in to orc");
    }

    @Test
    void aPageThatCannotBeDescribedStillLeavesTheTimeOutToReport() {
        assertThatThrownBy(() -> Waits.until("the list", SHORT, () -> null, () -> {
            throw new IllegalStateException("the browser is gone");
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the list did not happen")
                .hasMessageContaining("could not be described: the browser is gone");
    }

    @Test
    void aProbeThatFailsAndThenAnswersIsWaitedFor() {
        AtomicInteger probes = new AtomicInteger();

        String found = Waits.until("the third probe", Duration.ofSeconds(30), () -> {
            if (probes.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return "found";
        }, () -> "unused");

        assertThat(found).isEqualTo("found");
        assertThat(probes).hasValue(3);
    }
}
