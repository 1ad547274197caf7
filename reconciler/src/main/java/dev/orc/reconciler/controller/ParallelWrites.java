package dev.orc.reconciler.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs a controller's pod writes in parallel on virtual threads, as Kubernetes' controllers do. Creates go in
 * slow-start batches of 1, 2, 4, ... (Kubernetes' {@code slowStartBatch}), so that a create every pod would fail
 * (a quota, an admission rule) fails once instead of a whole burst of times; deletes go all at once. A batch with
 * any failure ends the run: the writes after it are skipped. Every write of a batch has returned before the next
 * batch starts and before the outcome is returned.
 */
public final class ParallelWrites {
    private ParallelWrites() {
    }

    /** Writes {@code items} in batches of 1, 2, 4, ... whose members run at the same time. */
    public static <T, R> Outcome<T, R> slowStart(List<T> items, Function<? super T, ? extends R> write) {
        return inBatches(items, write, 1);
    }

    /** Writes all {@code items} at the same time. */
    public static <T, R> Outcome<T, R> allAtOnce(List<T> items, Function<? super T, ? extends R> write) {
        return inBatches(items, write, items.size());
    }

    /**
     * What became of the writes: those that succeeded and those that failed, each in the order of the items, and how
     * many were never tried because a batch before them failed.
     */
    public record Outcome<T, R>(List<Done<T, R>> succeeded, List<Failed<T>> failed, int skipped) {
        public Outcome {
            succeeded = List.copyOf(succeeded);
            failed = List.copyOf(failed);
        }

        public Optional<RuntimeException> firstFailure() {
            return failed.stream().findFirst().map(Failed::error);
        }
    }

    /** A write that returned {@code result}. */
    public record Done<T, R>(T item, R result) {
    }

    /** A write that threw {@code error}. */
    public record Failed<T>(T item, RuntimeException error) {
    }

    private static <T, R> Outcome<T, R> inBatches(List<T> items, Function<? super T, ? extends R> write, int first) {
        List<Done<T, R>> succeeded = new ArrayList<>();
        List<Failed<T>> failed = new ArrayList<>();
        int next = 0;
        int size = Math.min(first, items.size());
        while (next < items.size() && failed.isEmpty()) {
            for (Attempt<T, R> attempt : ParallelWrites.<T, R>inParallel(items.subList(next, next + size), write)) {
                if (attempt.error() == null) {
                    succeeded.add(new Done<>(attempt.item(), attempt.result()));
                } else {
                    failed.add(new Failed<>(attempt.item(), attempt.error()));
                }
            }
            next += size;
            size = Math.min(2 * size, items.size() - next);
        }
        return new Outcome<>(succeeded, failed, items.size() - next);
    }

    /** One write's end: its result, or the error it threw ({@code null} when it succeeded). */
    private record Attempt<T, R>(T item, R result, RuntimeException error) {
    }

    private static <T, R> List<Attempt<T, R>> inParallel(List<T> batch, Function<? super T, ? extends R> write) {
        if (batch.size() == 1) {
            return List.of(attempt(batch.getFirst(), write));
        }
        List<Future<Attempt<T, R>>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("parallel-write-", 0).factory())) {
            for (T item : batch) {
                futures.add(threads.submit(() -> attempt(item, write)));
            }
        }
        List<Attempt<T, R>> attempts = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            attempts.add(ended(batch.get(i), futures.get(i)));
        }
        return attempts;
    }

    private static <T, R> Attempt<T, R> attempt(T item, Function<? super T, ? extends R> write) {
        try {
            return new Attempt<>(item, write.apply(item), null);
        } catch (RuntimeException e) {
            return new Attempt<>(item, null, e);
        }
    }

    /** A finished task's attempt; one cancelled because the caller was interrupted counts as failed. */
    private static <T, R> Attempt<T, R> ended(T item, Future<Attempt<T, R>> future) {
        return switch (future.state()) {
            case SUCCESS -> future.resultNow();
            case CANCELLED -> new Attempt<>(item, null, new CancellationException("interrupted before the write started"));
            case FAILED -> {
                if (future.exceptionNow() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(future.exceptionNow());
            }
            case RUNNING -> throw new IllegalStateException("a write was still running after its batch ended");
        };
    }
}
