package dev.orc.reconciler.apiserver.http;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's Prometheus metrics, kept in memory and rendered in the text exposition format:
 * requests by verb, resource and code, request latency, open watches and store latency, and the memory of the
 * process (live heap and resident set size).
 */
public final class ApiMetrics {
    private static final double[] BUCKETS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> requestLatency = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> openWatches = new ConcurrentHashMap<>();
    private final Map<String, Histogram> storeLatency = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> inFlight = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final ProcessMemory memory;

    public ApiMetrics() {
        this(ProcessMemory.ofThisProcess());
    }

    ApiMetrics(ProcessMemory memory) {
        this.memory = memory;
    }

    public void request(String verb, String resource, int code, Duration took) {
        requests.computeIfAbsent(labels("verb", verb, "resource", resource, "code", Integer.toString(code)),
                k -> new LongAdder()).increment();
        requestLatency.computeIfAbsent(labels("verb", verb, "resource", resource), k -> new Histogram()).observe(took);
    }

    public void watchOpened(String resource) {
        openWatches.computeIfAbsent(labels("resource", resource), k -> new AtomicLong()).incrementAndGet();
    }

    public void watchClosed(String resource) {
        openWatches.computeIfAbsent(labels("resource", resource), k -> new AtomicLong()).decrementAndGet();
    }

    void requestStarted(String kind) {
        inFlight.computeIfAbsent(labels("request_kind", kind), k -> new AtomicLong()).incrementAndGet();
    }

    void requestEnded(String kind) {
        inFlight.computeIfAbsent(labels("request_kind", kind), k -> new AtomicLong()).decrementAndGet();
    }

    void requestRejected(String kind) {
        rejected.computeIfAbsent(labels("request_kind", kind), k -> new LongAdder()).increment();
    }

    public void storeCall(String operation, Duration took) {
        storeLatency.computeIfAbsent(labels("operation", operation), k -> new Histogram()).observe(took);
    }

    /** The Prometheus text format (version 0.0.4). */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP orc_apiserver_requests_total API requests by verb, resource and HTTP code.\n");
        out.append("# TYPE orc_apiserver_requests_total counter\n");
        new TreeMap<>(requests).forEach((k, v) -> out.append("orc_apiserver_requests_total").append(k).append(' ')
                .append(v.sum()).append('\n'));
        histogram(out, "orc_apiserver_request_duration_seconds", "API request latency by verb and resource.",
                requestLatency);
        out.append("# HELP orc_apiserver_watches_open Watches currently being served, by resource.\n");
        out.append("# TYPE orc_apiserver_watches_open gauge\n");
        new TreeMap<>(openWatches).forEach((k, v) -> out.append("orc_apiserver_watches_open").append(k).append(' ')
                .append(v.get()).append('\n'));
        out.append("# HELP orc_apiserver_current_inflight_requests HTTP requests being served, by kind (readOnly, mutating).\n");
        out.append("# TYPE orc_apiserver_current_inflight_requests gauge\n");
        new TreeMap<>(inFlight).forEach((k, v) -> out.append("orc_apiserver_current_inflight_requests").append(k)
                .append(' ').append(v.get()).append('\n'));
        out.append("# HELP orc_apiserver_rejected_requests_total HTTP requests refused with 429 because every place of "
                + "their kind was taken.\n");
        out.append("# TYPE orc_apiserver_rejected_requests_total counter\n");
        new TreeMap<>(rejected).forEach((k, v) -> out.append("orc_apiserver_rejected_requests_total").append(k)
                .append(' ').append(v.sum()).append('\n'));
        histogram(out, "orc_store_request_duration_seconds", "Store call latency by operation.", storeLatency);
        gauge(out, "orc_jvm_live_heap_bytes",
                "Heap in use after the last collection of each heap pool (for the old generation: the last full GC).",
                memory.liveHeapBytes());
        memory.residentBytes().ifPresent(rss -> gauge(out, "orc_process_resident_memory_bytes",
                "Resident set size of the server process (VmRSS).", rss));
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void histogram(StringBuilder out, String name, String help, Map<String, Histogram> series) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" histogram\n");
        new TreeMap<>(series).forEach((labels, h) -> h.render(out, name, labels));
    }

    private static String labels(String... pairs) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            text.append(i == 0 ? "" : ",").append(pairs[i]).append("=\"")
                    .append(pairs[i + 1].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
        }
        return text.append('}').toString();
    }

    private static final class Histogram {
        private final LongAdder[] counts = new LongAdder[BUCKETS.length];
        private final LongAdder total = new LongAdder();
        private final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(Duration took) {
            double seconds = took.toNanos() / 1e9;
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    counts[i].increment();
                }
            }
            total.increment();
            sum.add(seconds);
        }

        void render(StringBuilder out, String name, String labels) {
            String inner = labels.substring(1, labels.length() - 1);
            String prefix = inner.isEmpty() ? "{" : "{" + inner + ",";
            for (int i = 0; i < BUCKETS.length; i++) {
                out.append(name).append("_bucket").append(prefix).append("le=\"").append(BUCKETS[i]).append("\"} ")
                        .append(counts[i].sum()).append('\n');
            }
            out.append(name).append("_bucket").append(prefix).append("le=\"+Inf\"} ").append(total.sum()).append('\n');
            out.append(name).append("_sum").append(labels).append(' ').append(sum.sum()).append('\n');
            out.append(name).append("_count").append(labels).append(' ').append(total.sum()).append('\n');
        }
    }
}
