package dev.orc.cli.bench;

import java.io.PrintWriter;

/** Prints a scheduler benchmark run. */
final class SchedulerBenchReport {
    private final PrintWriter out;

    SchedulerBenchReport(PrintWriter out) {
        this.out = out;
    }

    void print(SchedulerBench.Result result) {
        out.printf("%-34s %8d in %6.2f s  %8.1f pods/s%n", "pods created (API accepted)", result.pods(),
                result.createSeconds(), result.createdPerSecond());
        out.printf("%-34s %8d in %6.2f s  %8.1f pods/s%n", "pods bound (first create to last bind)", result.pods(),
                result.bindSeconds(), result.boundPerSecond());
        out.printf("%-34s p50 %d ms, p99 %d ms, max %d ms%n", "creation to binding", result.p50().toMillis(),
                result.p99().toMillis(), result.max().toMillis());
    }
}
