package dev.orc.bench;

import java.io.PrintWriter;

/** Prints a store benchmark as a table; with a raw jetcd run beside it, also orc's share of its speed. */
final class StoreBenchReport {
    private final PrintWriter out;
    private final int keys;

    StoreBenchReport(PrintWriter out, int keys) {
        this.out = out;
        this.keys = keys;
    }

    void print(StoreBenchResult orc, StoreBenchResult raw) {
        if (raw == null) {
            out.printf("%-28s %12s%n", "operation", "orc");
        } else {
            out.printf("%-28s %12s %12s %10s%n", "operation", "orc", "raw jetcd", "orc/jetcd");
        }
        row("create (ops/s)", "%12.1f", orc.createPerSecond(), raw == null ? null : raw.createPerSecond());
        row("CAS update (ops/s)", "%12.1f", orc.updatePerSecond(), raw == null ? null : raw.updatePerSecond());
        row("get (ops/s)", "%12.1f", orc.getPerSecond(), raw == null ? null : raw.getPerSecond());
        row("list " + keys + " keys (lists/s)", "%12.1f", orc.listsPerSecond(), raw == null ? null : raw.listsPerSecond());
        row("watch latency p50 (ms)", "%12.2f", orc.watchP50Millis(), raw == null ? null : raw.watchP50Millis());
        row("watch latency p99 (ms)", "%12.2f", orc.watchP99Millis(), raw == null ? null : raw.watchP99Millis());
    }

    private void row(String name, String number, double orc, Double raw) {
        out.printf("%-28s " + number, name, orc);
        if (raw != null) {
            out.printf(" " + number + " %10.2f", raw, orc / raw);
        }
        out.println();
    }
}
