package dev.orc.bench;

import java.util.ArrayList;
import java.util.List;

/** The latencies of the requests of one sample period, from several threads; {@link #drain} starts the next period. */
final class Latencies {
    private List<Long> nanos = new ArrayList<>();
    private long errors;

    synchronized void record(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    synchronized void error() {
        errors++;
    }

    /** What the period since the last drain saw, and a new, empty period. */
    Summary drain() {
        List<Long> period;
        long failed;
        synchronized (this) {
            period = nanos;
            failed = errors;
            nanos = new ArrayList<>();
            errors = 0;
        }
        return Summary.of(period, failed);
    }

    /** Requests that succeeded and failed in a period, and the succeeded ones' median and 99th percentile. */
    record Summary(long requests, long errors, double p50Millis, double p99Millis) {
        static Summary of(List<Long> nanos, long errors) {
            List<Long> sorted = nanos.stream().sorted().toList();
            return new Summary(sorted.size(), errors, percentile(sorted, 0.50), percentile(sorted, 0.99));
        }

        /** The nearest-rank percentile, in milliseconds; 0 without requests. */
        static double percentile(List<Long> sorted, double fraction) {
            if (sorted.isEmpty()) {
                return 0;
            }
            int rank = (int) Math.ceil(fraction * sorted.size());
            return sorted.get(Math.max(0, rank - 1)) / 1e6;
        }
    }
}
