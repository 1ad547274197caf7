package dev.orc.bench.ingress;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * The CPU time a proxy's processes (a process and its descendants, as nginx's master and workers) have used so far,
 * as the kernel counts it: divided by the requests of a window it gives the proxy's CPU per request, a figure the
 * machine's other load changes far less than requests/s.
 */
@FunctionalInterface
interface CpuClock {
    /** No process of its own to count (the direct path: the backend shares the bench's JVM). */
    CpuClock NONE = () -> Duration.ZERO;

    Duration used();

    static CpuClock of(ProcessHandle root) {
        return () -> Stream.concat(Stream.of(root), root.descendants())
                .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }
}
