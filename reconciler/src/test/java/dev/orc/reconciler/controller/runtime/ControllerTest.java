package dev.orc.reconciler.controller.runtime;

import dev.orc.api.cache.ObjectKey;
import dev.orc.api.workqueue.WorkQueue;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ControllerTest {
    private final ManualClock clock = new ManualClock();
    private final WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
    private final ObjectKey key = new ObjectKey("default", "web");

    @Test
    void failuresAreRetriedWithGrowingBackoffAndSuccessResetsIt() throws Exception {
        List<String> outcomes = new ArrayList<>();
        Controller controller = new Controller("test", queue, k -> {
            if (outcomes.size() < 2) {
                outcomes.add("fail");
                throw new IllegalStateException("not yet");
            }
            outcomes.add("ok");
            return Result.done();
        }, List.of(), 1);
        queue.add(key);
        assertThat(controller.processNext(Duration.ZERO)).isTrue();
        assertThat(queue.failures(key)).isEqualTo(1);
        assertThat(controller.processNext(Duration.ZERO)).isFalse();
        clock.advance(Duration.ofMillis(5));
        assertThat(controller.processNext(Duration.ZERO)).isTrue();
        assertThat(queue.failures(key)).isEqualTo(2);
        clock.advance(Duration.ofMillis(5));
        assertThat(controller.processNext(Duration.ZERO)).isFalse();
        clock.advance(Duration.ofMillis(5));
        assertThat(controller.processNext(Duration.ZERO)).isTrue();
        assertThat(outcomes).containsExactly("fail", "fail", "ok");
        assertThat(queue.failures(key)).isZero();
    }

    @Test
    void terminalErrorsAreNotRetried() throws Exception {
        Controller controller = new Controller("test", queue, k -> {
            throw new TerminalException("spec is impossible");
        }, List.of(), 1);
        queue.add(key);
        assertThat(controller.processNext(Duration.ZERO)).isTrue();
        clock.advance(Duration.ofHours(1));
        assertThat(controller.processNext(Duration.ZERO)).isFalse();
    }

    @Test
    void requeueAfterComesBackOnTime() throws Exception {
        Controller controller = new Controller("test", queue, k -> Result.requeueAfter(Duration.ofSeconds(30)), List.of(), 1);
        queue.add(key);
        assertThat(controller.processNext(Duration.ZERO)).isTrue();
        clock.advance(Duration.ofSeconds(29));
        assertThat(controller.processNext(Duration.ZERO)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(controller.processNext(Duration.ZERO)).isTrue();
    }

    @Test
    void aFailingKeyWarnsAtItsFirstSecondFourthAndEighthFailureInARow() {
        assertThat(java.util.stream.IntStream.rangeClosed(1, 16).filter(Controller::warnsAfter).boxed().toList())
                .containsExactly(1, 2, 4, 8, 16);
    }
}
