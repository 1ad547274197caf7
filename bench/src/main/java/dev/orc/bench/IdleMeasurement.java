package dev.orc.bench;

import java.time.Duration;
import java.util.Map;

/**
 * What one idle run measured over {@code window}: the store's writes (revision delta), the write requests by
 * resource, the server's CPU time, its resident set at the end of the window, and its live heap and resident set
 * right after a full collection.
 */
record IdleMeasurement(Duration window, long storeWrites, Map<String, Long> writeRequests, Duration cpu,
                       long residentBytes, long liveHeapAfterGcBytes, long residentAfterGcBytes) {
    IdleMeasurement {
        writeRequests = Map.copyOf(writeRequests);
    }

    double storeWritesPerSecond() {
        return storeWrites / seconds();
    }

    double writeRequestsPerSecond() {
        return writeRequests.values().stream().mapToLong(Long::longValue).sum() / seconds();
    }

    /** CPU seconds the server used per second of the window (1.0 is one core busy). */
    double cpuPerSecond() {
        return cpu.toNanos() / 1e9 / seconds();
    }

    private double seconds() {
        return window.toNanos() / 1e9;
    }
}
