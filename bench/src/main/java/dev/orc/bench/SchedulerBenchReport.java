package dev.orc.bench;

import java.io.PrintWriter;

/** Prints a scheduler benchmark run. */
final class SchedulerBenchReport {
    private final PrintWriter out;

    SchedulerBenchReport(PrintWriter out) {
        this.out = out;
    }

    void print(SchedulerBench.Result result) {
        out.printf("%-40s %8d in %6.2f s  %8.1f pods/s%n", "pods created (API accepted)", result.pods(),
                result.createSeconds(), result.createdPerSecond());
        out.printf("%-40s %8d in %6.2f s  %8.1f pods/s%n", "pods bound (first create to last bind)", result.pods(),
                result.bindSeconds(), result.boundPerSecond());
        out.printf("%-40s p50 %d ms, p99 %d ms, max %d ms%n", "creation to binding", result.p50().toMillis(),
                result.p99().toMillis(), result.max().toMillis());
        out.printf("%-40s %.2f ms per pod (%d cores here; machine load average %.1f)%n", "CPU time of this process",
                result.cpuMillisPerPod(), Runtime.getRuntime().availableProcessors(), result.loadAverage());
    }
}
