package dev.orc.bench;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints one idle measurement as a table. */
final class IdleReport {
    private static final double MB = 1024 * 1024;
    private final PrintWriter out;

    IdleReport(PrintWriter out) {
        this.out = out;
    }

    void print(IdleMeasurement m) {
        out.printf("over %.0f s at rest:%n", m.window().toMillis() / 1000.0);
        row("store writes/s", "%.1f", m.storeWritesPerSecond());
        row("write requests/s", "%.1f", m.writeRequestsPerSecond());
        out.printf("  %-38s %s%n", "  by resource (requests in the window)", byResource(m.writeRequests()));
        row("server CPU (seconds per second)", "%.3f", m.cpuPerSecond());
        row("server resident set (MB)", "%.0f", m.residentBytes() / MB);
        row("live heap after full GC (MB)", "%.1f", m.liveHeapAfterGcBytes() / MB);
        row("resident set after full GC (MB)", "%.0f", m.residentAfterGcBytes() / MB);
    }

    private void row(String label, String format, double value) {
        out.printf("  %-38s " + format + "%n", label, value);
    }

    private static String byResource(Map<String, Long> requests) {
        if (requests.isEmpty()) {
            return "none";
        }
        return requests.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
