package dev.orc.reconciler.controller;

import dev.orc.reconciler.controller.ParallelWrites.Done;
import dev.orc.reconciler.controller.ParallelWrites.Failed;
import dev.orc.reconciler.controller.ParallelWrites.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ParallelWritesTest {
    private static final List<Integer> TEN = IntStream.range(0, 10).boxed().toList();

    @Test
    void slowStartWritesInBatchesOfOneTwoFourWhoseMembersOverlap() {
        BatchGate gate = new BatchGate(1, 2, 4, 3);

        Outcome<Integer, String> outcome = ParallelWrites.slowStart(TEN, item -> gate.pass(arrival -> "wrote " + item));

        assertThat(gate.finishedAtArrival()).as("each batch starts once the ones before it have all finished")
                .containsExactly(0, 1, 1, 3, 3, 3, 3, 7, 7, 7);
        assertThat(outcome.succeeded()).extracting(Done::result)
                .containsExactlyElementsOf(TEN.stream().map(i -> "wrote " + i).toList());
        assertThat(outcome.failed()).isEmpty();
        assertThat(outcome.skipped()).isZero();
    }

    @Test
    void aFailureInABatchLetsItsBatchFinishAndSkipsTheLaterBatches() {
        BatchGate gate = new BatchGate(1, 2, 4);
        IllegalStateException quota = new IllegalStateException("exceeded quota");

        Outcome<Integer, Integer> outcome = ParallelWrites.slowStart(TEN, item -> gate.pass(arrival -> {
            if (item == 4) {
                throw quota;
            }
            return item;
        }));

        assertThat(gate.arrivals()).isEqualTo(7);
        assertThat(outcome.succeeded()).extracting(Done::item).containsExactly(0, 1, 2, 3, 5, 6);
        assertThat(outcome.failed()).containsExactly(new Failed<>(4, quota));
        assertThat(outcome.skipped()).isEqualTo(3);
        assertThat(outcome.firstFailure()).contains(quota);
    }

    @Test
    void allAtOnceWritesEveryItemInOneBatch() {
        BatchGate gate = new BatchGate(5);

        Outcome<Integer, Integer> outcome = ParallelWrites.allAtOnce(TEN.subList(0, 5), item -> gate.pass(arrival -> item));

        assertThat(gate.finishedAtArrival()).containsExactly(0, 0, 0, 0, 0);
        assertThat(outcome.succeeded()).extracting(Done::item).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void nothingToWriteWritesNothing() {
        Outcome<Integer, Integer> outcome = ParallelWrites.slowStart(List.of(), item -> {
            throw new AssertionError("no write expected");
        });

        assertThat(outcome.succeeded()).isEmpty();
        assertThat(outcome.failed()).isEmpty();
        assertThat(outcome.skipped()).isZero();
    }
}
