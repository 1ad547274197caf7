package dev.orc.bench;

import java.time.Duration;
import java.util.List;

/** Timings of one sync benchmark: the first sync, each webhook-to-applied push, each no-change resync. */
record SyncBenchResult(int objects, Duration initial, List<Duration> pushes, List<Duration> resyncs) {
    SyncBenchResult {
        pushes = List.copyOf(pushes);
        resyncs = List.copyOf(resyncs);
    }

    static Duration median(List<Duration> samples) {
        List<Duration> sorted = samples.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    static Duration best(List<Duration> samples) {
        return samples.stream().min(Duration::compareTo).orElseThrow();
    }
}
