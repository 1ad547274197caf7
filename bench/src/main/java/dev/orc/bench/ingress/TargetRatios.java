package dev.orc.bench.ingress;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * orc's figures over nginx's for one load (TLS or not, a connection count), against issue 18's targets: at least
 * {@value #RATE_TARGET}x nginx's requests/s and a p99 at most {@value #P99_TARGET}x nginx's.
 */
record TargetRatios(boolean tls, int connections, double rate, double p99, double cpu) {
    static final double RATE_TARGET = 0.8;
    static final double P99_TARGET = 1.5;

    static TargetRatios of(boolean tls, int connections, HttpLoad.Result orc, HttpLoad.Result nginx) {
        return new TargetRatios(tls, connections, orc.requestsPerSecond() / nginx.requestsPerSecond(),
                orc.p99Millis() / nginx.p99Millis(), orc.cpuMicrosPerRequest() > 0 && nginx.cpuMicrosPerRequest() > 0
                        ? orc.cpuMicrosPerRequest() / nginx.cpuMicrosPerRequest() : 0);
    }

    /**
     * The median of each ratio over rounds of the same load, each round's orc and nginx measured back to back: a
     * round that something else on the machine slowed moves the median less than it moves a single run.
     */
    static TargetRatios median(List<TargetRatios> rounds) {
        TargetRatios first = rounds.getFirst();
        return new TargetRatios(first.tls(), first.connections(), median(rounds, TargetRatios::rate),
                median(rounds, TargetRatios::p99), median(rounds, TargetRatios::cpu));
    }

    private static double median(List<TargetRatios> rounds, ToDoubleFunction<TargetRatios> figure) {
        double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    boolean rateMet() {
        return rate >= RATE_TARGET;
    }

    /** Met when orc's p99 is at most the target's share of nginx's, over requests orc did answer. */
    boolean p99Met() {
        return rate > 0 && p99 <= P99_TARGET;
    }

    /**
     * One line: the load, both ratios and whether each meets its target, then orc's CPU per request over nginx's
     * when both were counted (no target: it says how much of a ratio is orc's own work, whatever else ran).
     */
    String line() {
        return String.format(Locale.ROOT, "orc/nginx %-5s %3d conns: requests/s %.2fx (%s), p99 %.2fx (%s)",
                tls ? "TLS" : "plain", connections, rate, rateMet() ? "met" : "NOT met", p99,
                p99Met() ? "met" : "NOT met") + (cpu > 0 ? String.format(Locale.ROOT, ", CPU/request %.2fx", cpu) : "");
    }
}
