package dev.orc.bench;

import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceTypes;

import java.time.Duration;
import java.util.List;

/** Waits until a server's cluster is at rest, then measures what the server does while nothing changes. */
final class IdleBench {
    private static final Duration POLL = Duration.ofSeconds(1);

    private final ServerProcess server;
    private final ApiClient client;
    private final boolean syncsExamples;

    /** A bench of {@code server}, which syncs the bundled examples through a GitSource when {@code syncsExamples}. */
    IdleBench(ServerProcess server, boolean syncsExamples) {
        this.server = server;
        this.client = server.client();
        this.syncsExamples = syncsExamples;
    }

    /** Waits (bounded) until {@link ClusterAtRest} finds nothing pending; returns how long that took. */
    Duration settle(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<String> pending = ClusterAtRest.pending(client, syncsExamples);
        while (!pending.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster was not at rest after " + timeout.toSeconds() + " s: "
                        + String.join(", ", pending));
            }
            Thread.sleep(POLL.toMillis());
            pending = ClusterAtRest.pending(client, syncsExamples);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Watches the server for {@code window} without touching the cluster, then has it collect its garbage. */
    IdleMeasurement measure(Duration window) throws InterruptedException {
        ServerMetrics before = server.metrics();
        long revision = revision();
        Duration cpu = server.cpuTime();
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        Duration cpuAfter = server.cpuTime();
        long elapsed = System.nanoTime() - start;
        long revisionAfter = revision();
        ServerMetrics after = server.metrics();
        server.fullGc();
        ServerMetrics collected = server.metrics();
        return new IdleMeasurement(Duration.ofNanos(elapsed), revisionAfter - revision, after.writeRequestsSince(before),
                cpuAfter.minus(cpu), after.residentBytes(), collected.liveHeapBytes(), collected.residentBytes());
    }

    /** The store's revision now: the resourceVersion of a list. */
    private long revision() {
        return Long.parseLong(client.list(ResourceTypes.NAMESPACE, null, ListOptions.all()).path("metadata")
                .path("resourceVersion").asText());
    }
}
