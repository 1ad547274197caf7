package dev.orc.node.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns cumulative CPU time into a rate: remembers each source's last sample and answers the
 * nanocores used between it and the new one. Samples older than {@link #MAX_AGE} are forgotten.
 */
final class CpuRates {

    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private record Sample(long cpuNanos, Instant at) {
    }

    private final Map<String, Sample> last = new ConcurrentHashMap<>();

    /** Records the sample; the rate since the previous one of {@code key}, if there is a usable one. */
    Optional<Long> record(String key, long cpuNanos, Instant at) {
        Sample previous = last.put(key, new Sample(cpuNanos, at));
        last.values().removeIf(s -> s.at().isBefore(at.minus(MAX_AGE)));
        if (previous == null || !at.isAfter(previous.at()) || cpuNanos < previous.cpuNanos()) {
            return Optional.empty();
        }
        long elapsedNanos = Duration.between(previous.at(), at).toNanos();
        return Optional.of((long) ((cpuNanos - previous.cpuNanos()) * 1e9 / elapsedNanos));
    }
}
