package dev.orc.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** etcd's sizes as its Prometheus metrics give them. */
final class EtcdSizes {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI metrics;

    EtcdSizes(String metricsUrl) {
        this.metrics = URI.create(metricsUrl + "/metrics");
    }

    /** One reading: the database size in use, the file's size, the number of keys and the revision. */
    record Sample(Duration elapsed, long inUse, long file, long keys, long revision) {
    }

    Sample sample(Duration elapsed) throws IOException, InterruptedException {
        String text = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new Sample(elapsed, value(text, "etcd_mvcc_db_total_size_in_use_in_bytes"),
                value(text, "etcd_mvcc_db_total_size_in_bytes"), value(text, "etcd_debugging_mvcc_keys_total"),
                value(text, "etcd_debugging_mvcc_current_revision"));
    }

    /** The growth of the size in use from the first sample at or after {@code from} to the last, as a sentence. */
    static String growth(List<Sample> samples, Duration from) {
        Sample first = samples.stream().filter(s -> s.elapsed().compareTo(from) >= 0).findFirst().orElse(samples.getFirst());
        Sample last = samples.getLast();
        double percent = first.inUse() == 0 ? 0 : 100.0 * (last.inUse() - first.inUse()) / first.inUse();
        return String.format("size in use from minute %.0f to %.0f: %.2f MB -> %.2f MB (%+.1f %%); keys %d -> %d",
                first.elapsed().toSeconds() / 60.0, last.elapsed().toSeconds() / 60.0, first.inUse() / 1e6,
                last.inUse() / 1e6, percent, first.keys(), last.keys());
    }

    private static long value(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> (long) Double.parseDouble(line.substring(name.length() + 1).strip()))
                .orElseThrow(() -> new IllegalStateException("etcd's metrics have no " + name));
    }
}
