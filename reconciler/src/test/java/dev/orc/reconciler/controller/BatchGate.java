package dev.orc.reconciler.controller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Lets calls through only in whole batches of the given sizes, counted by arrival: a call waits (at most
 * {@link #WAIT}) until every call of its batch has arrived, so calls that do not really run at the same time fail.
 * Each arrival notes how many calls had already finished, which tells batches apart: in a slow start of 1, 2, 4, a
 * call of the third batch arrives when 3 have finished. So that a caller starting more calls than a batch shows it,
 * a complete batch is held for {@link #HOLD} more: a call started with it arrives in the meantime and is noted with
 * the wrong count of finished calls.
 */
public final class BatchGate {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration HOLD = Duration.ofMillis(50);

    private final int[] batchEnds;
    private final List<Integer> finishedAtArrival = new ArrayList<>();
    private final Map<Integer, Long> batchCompleted = new HashMap<>();
    private int arrived;
    private int finished;

    public BatchGate(int... batches) {
        batchEnds = new int[batches.length];
        int end = 0;
        for (int i = 0; i < batches.length; i++) {
            end += batches[i];
            batchEnds[i] = end;
        }
    }

    /** Calls {@code call} with this call's arrival number (from 0) once its whole batch has arrived. */
    public <R> R pass(IntFunction<R> call) {
        try {
            return call.apply(arrive());
        } finally {
            synchronized (this) {
                finished++;
                notifyAll();
            }
        }
    }

    /** For each call in the order they arrived, how many had finished by then. */
    public synchronized List<Integer> finishedAtArrival() {
        return List.copyOf(finishedAtArrival);
    }

    public synchronized int arrivals() {
        return arrived;
    }

    private synchronized int arrive() {
        int arrival = arrived++;
        finishedAtArrival.add(finished);
        int batchEnd = Arrays.stream(batchEnds).filter(end -> end > arrival).findFirst().orElseThrow(() ->
                new IllegalStateException("call " + (arrival + 1) + " is beyond the batches " + Arrays.toString(batchEnds)));
        if (arrived == batchEnd) {
            batchCompleted.put(batchEnd, System.nanoTime());
            notifyAll();
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!batchCompleted.containsKey(batchEnd)) {
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("call " + (arrival + 1) + " waited " + WAIT + " for its batch to reach "
                        + batchEnd + " calls: only " + arrived + " arrived");
            }
            waitUntil(deadline);
        }
        long held = batchCompleted.get(batchEnd) + HOLD.toNanos();
        while (System.nanoTime() - held < 0) {
            waitUntil(held);
        }
        return arrival;
    }

    /** Waits until notified or until {@code deadline}, in {@link System#nanoTime()}. */
    private void waitUntil(long deadline) {
        try {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the batch", e);
        }
    }
}
