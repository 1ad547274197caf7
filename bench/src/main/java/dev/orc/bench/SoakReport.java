package dev.orc.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The verdict of a soak run against issue #16's targets: after warm-up, each of the server's vitals grows by at most
 * {@value #MAX_GROWTH_PERCENT} % over the last {@code window} of the run (the first sample in it against the last),
 * and the churn's mutating requests keep a 99th percentile of at most {@value #MAX_P99_MILLIS} ms in every sample.
 */
record SoakReport(List<Line> lines, double worstP99Millis, boolean met) {
    static final double MAX_GROWTH_PERCENT = 5;
    static final double MAX_P99_MILLIS = 50;

    /** One measure's growth over the window. */
    record Line(String measure, double first, double last, double growthPercent) {
    }

    static SoakReport of(List<SoakSample> samples, Duration window) {
        if (samples.size() < 2) {
            throw new IllegalArgumentException("a soak report needs at least two samples, got " + samples.size());
        }
        Duration end = samples.getLast().elapsed();
        List<SoakSample> tail = samples.stream().filter(s -> s.elapsed().compareTo(end.minus(window)) >= 0).toList();
        if (tail.size() < 2) {
            tail = samples.subList(samples.size() - 2, samples.size());
        }
        List<Line> lines = List.of(
                line("resident set (MB)", tail, s -> s.residentBytes() / 1e6),
                line("heap after GC (MB)", tail, s -> s.liveHeapBytes() / 1e6),
                line("threads", tail, SoakSample::threads),
                line("open files", tail, SoakSample::openFiles),
                line("store (MB)", tail, s -> s.storeBytes() / 1e6));
        double worstP99 = tail.stream().mapToDouble(s -> s.requests().p99Millis()).max().orElse(0);
        boolean flat = lines.stream().allMatch(l -> l.growthPercent() <= MAX_GROWTH_PERCENT);
        return new SoakReport(lines, worstP99, flat && worstP99 <= MAX_P99_MILLIS);
    }

    private static Line line(String measure, List<SoakSample> tail, ToDoubleFunction<SoakSample> value) {
        double first = value.applyAsDouble(tail.getFirst());
        double last = value.applyAsDouble(tail.getLast());
        double growth = first == 0 ? (last == 0 ? 0 : Double.POSITIVE_INFINITY) : (last - first) / first * 100;
        return new Line(measure, first, last, growth);
    }

    String text(Duration window) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "over the last %d min (target: growth <= %.0f %%, mutating p99 <= %.0f ms):%n",
                window.toMinutes(), MAX_GROWTH_PERCENT, MAX_P99_MILLIS));
        for (Line line : lines) {
            text.append(String.format(Locale.ROOT, "  %-20s %10.1f -> %10.1f  %+7.1f %%%n", line.measure(), line.first(),
                    line.last(), line.growthPercent()));
        }
        text.append(String.format(Locale.ROOT, "  %-20s %10.1f ms%n", "worst p99", worstP99Millis));
        text.append(met ? "targets met" : "targets NOT met");
        return text.toString();
    }
}
