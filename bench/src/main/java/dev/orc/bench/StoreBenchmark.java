package dev.orc.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Times create, compare-and-swap update and get of {@code keys} keys from {@code threads} concurrent
 * clients, listing all of them in pages of 500, and the delay from issuing a write to its watch event.
 */
final class StoreBenchmark {
    private static final int PAGE = 500;
    private static final int LIST_ROUNDS = 5;
    private static final long WATCH_WAIT_SECONDS = 10;

    private final int keys;
    private final int threads;
    private final int watchSamples;

    StoreBenchmark(int keys, int threads, int watchSamples) {
        this.keys = keys;
        this.threads = threads;
        this.watchSamples = watchSamples;
    }

    StoreBenchResult run(BenchTarget target, String prefix) throws Exception {
        byte[] value = "x".repeat(512).getBytes(StandardCharsets.UTF_8);
        String[] names = new String[keys];
        long[] revisions = new long[keys];
        for (int i = 0; i < keys; i++) {
            names[i] = prefix + "keys/" + String.format("%08d", i);
        }
        double create = timed(i -> revisions[i] = target.create(names[i], value));
        double update = timed(i -> revisions[i] = target.update(names[i], value, revisions[i]));
        double get = timed(i -> target.get(names[i]));
        long start = System.nanoTime();
        for (int round = 0; round < LIST_ROUNDS; round++) {
            int listed = target.list(prefix + "keys/", PAGE);
            if (listed != keys) {
                throw new IllegalStateException("listed " + listed + " keys, expected " + keys);
            }
        }
        double lists = LIST_ROUNDS / seconds(start);
        double[] latencies = watchLatencies(target, prefix + "watch/", value);
        return new StoreBenchResult(create, update, get, lists, percentile(latencies, 50), percentile(latencies, 99));
    }

    private double timed(IntConsumer operation) throws InterruptedException, ExecutionException {
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                work.add(pool.submit(() -> {
                    for (int i = first; i < keys; i += threads) {
                        operation.accept(i);
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        }
        return keys / seconds(start);
    }

    private double[] watchLatencies(BenchTarget target, String prefix, byte[] value) throws Exception {
        BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
        double[] millis = new double[watchSamples];
        try (AutoCloseable ignored = target.watch(prefix, delivered::add)) {
            for (int i = 0; i < watchSamples; i++) {
                String key = prefix + i;
                long start = System.nanoTime();
                target.create(key, value);
                String got = delivered.poll(WATCH_WAIT_SECONDS, TimeUnit.SECONDS);
                if (!key.equals(got)) {
                    throw new IllegalStateException("watch delivered " + got + " instead of " + key);
                }
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        return millis;
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
