package dev.orc.bench;

import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceTypes;

import java.time.Duration;

/**
 * Waits until a server has finished what it was given, for a window of its idle CPU to start from: two samples in a row
 * in which the store took at most {@value #MAX_WRITES_PER_SECOND} writes/s (what an idle server writes on its own: the
 * leader's Lease every 10 s) and whose CPU rates differ by at most {@value #CPU_TOLERANCE} CPU s/s (its controllers
 * done, its JIT compilation and heap settled). {@link ClusterAtRest} asks the same of a cluster whose pods run; the
 * dashboard's pods stay Pending, so here the server's own quiet is the sign.
 */
final class ServerAtRest {
    static final double MAX_WRITES_PER_SECOND = 0.5;
    static final double CPU_TOLERANCE = 0.02;

    /** One sample: the store's writes per second and the server's CPU seconds per second over it. */
    record Sample(double writesPerSecond, double cpuPerSecond) {
        /** Whether this sample, following {@code previous}, shows the server at rest. */
        boolean restsAfter(Sample previous) {
            return previous != null && previous.quiet() && quiet()
                    && Math.abs(cpuPerSecond - previous.cpuPerSecond) <= CPU_TOLERANCE;
        }

        private boolean quiet() {
            return writesPerSecond <= MAX_WRITES_PER_SECOND;
        }
    }

    /** What the wait saw: how long it took and its last sample. */
    record Rest(Duration waited, Sample last) {
    }

    private final ServerProcess server;
    private final ApiClient client;
    private final Duration sample;

    ServerAtRest(ServerProcess server, Duration sample) {
        this.server = server;
        this.client = server.client();
        this.sample = sample;
    }

    /** Samples the server until it rests; throws after {@code timeout} naming the last two samples. */
    Rest await(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Sample previous = null;
        Sample current = take();
        while (!current.restsAfter(previous)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server was not at rest after " + timeout.toSeconds() + " s: its last"
                        + " samples " + previous + " and " + current);
            }
            previous = current;
            current = take();
        }
        return new Rest(Duration.ofNanos(System.nanoTime() - start), current);
    }

    private Sample take() throws InterruptedException {
        return over(sample);
    }

    /** The store's writes and the server's CPU over {@code window}, from now. */
    Sample over(Duration window) throws InterruptedException {
        long revision = revision();
        Duration cpu = server.cpuTime();
        long begin = System.nanoTime();
        Thread.sleep(window.toMillis());
        Duration used = server.cpuTime().minus(cpu);
        long elapsed = System.nanoTime() - begin;
        return new Sample((revision() - revision) * 1e9 / elapsed, used.toNanos() / (double) elapsed);
    }

    /** The store's revision now: the resourceVersion of a list. */
    private long revision() {
        return Long.parseLong(client.list(ResourceTypes.NAMESPACE, null, ListOptions.all()).path("metadata")
                .path("resourceVersion").asText());
    }
}
