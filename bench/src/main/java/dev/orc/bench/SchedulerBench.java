package dev.orc.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WatchEvent;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.client.WatchListener;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.meta.ResourceTypes;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Drives a running scheduler through the API only: registers simulated nodes, creates pods from parallel
 * clients over HTTP, and times each pod from the moment its create was sent until a watch on pods shows it bound.
 * The watch, being the measuring instrument rather than load, is an in-process one.
 */
final class SchedulerBench {
    /** What one run measured. */
    record Result(int pods, double createSeconds, double bindSeconds, Duration p50, Duration p99, Duration max,
                  double cpuSeconds, double loadAverage) {
        double createdPerSecond() {
            return pods / createSeconds;
        }

        double boundPerSecond() {
            return pods / bindSeconds;
        }

        /** CPU time this process spent per pod (server, scheduler and the benchmark's own clients together). */
        double cpuMillisPerPod() {
            return cpuSeconds * 1000 / pods;
        }
    }

    private final ApiClient client;
    private final ApiClient observer;
    private final int creators;
    private final Duration timeout;

    SchedulerBench(ApiClient client, ApiClient observer, int creators, Duration timeout) {
        this.client = client;
        this.observer = observer;
        this.creators = creators;
        this.timeout = timeout;
    }

    /** Registers {@code count} Ready nodes as agents do: the Node, then its status. */
    void registerNodes(int count) throws InterruptedException {
        parallel(count, i -> {
            ObjectNode wanted = SimulatedObjects.node(i);
            ObjectNode created = client.create(ResourceTypes.NODE, null, wanted, WriteOptions.defaults());
            created.set("status", wanted.get("status"));
            client.updateStatus(ResourceTypes.NODE, null, created);
        });
    }

    /** Creates {@code count} pods in a new namespace and waits (bounded) until every one is seen bound. */
    Result run(String namespace, int count) throws InterruptedException {
        client.create(ResourceTypes.NAMESPACE, null, SimulatedObjects.namespace(namespace), WriteOptions.defaults());
        String from = client.list(ResourceTypes.POD, namespace, ListOptions.all()).path("metadata")
                .path("resourceVersion").asText();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        BindingWatch bindings = new BindingWatch(sentAt, count);
        try (WatchHandle watch = observer.watch(ResourceTypes.POD, namespace, ListOptions.all().withResourceVersion(from),
                bindings)) {
            long cpuStart = cpuNanos();
            long start = System.nanoTime();
            parallel(count, i -> {
                ObjectNode pod = SimulatedObjects.pod(namespace, i);
                sentAt.put(pod.path("metadata").path("name").asText(), System.nanoTime());
                client.create(ResourceTypes.POD, namespace, pod, WriteOptions.defaults());
            });
            double createSeconds = (System.nanoTime() - start) / 1e9;
            bindings.await(timeout);
            double bindSeconds = (bindings.lastBoundAt() - start) / 1e9;
            double cpuSeconds = (cpuNanos() - cpuStart) / 1e9;
            long[] sorted = bindings.latencies();
            Arrays.sort(sorted);
            return new Result(count, createSeconds, bindSeconds, percentile(sorted, 50), percentile(sorted, 99),
                    Duration.ofNanos(sorted[sorted.length - 1]), cpuSeconds,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Runs {@code task} for 0..count-1 on the creator threads; the first failure ends the run. */
    private void parallel(int count, IntConsumer task) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(creators, r -> Thread.ofPlatform().daemon().unstarted(r));
        try {
            Future<?>[] workers = new Future<?>[creators];
            for (int w = 0; w < creators; w++) {
                workers[w] = pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        task.accept(i);
                    }
                });
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("creating objects did not finish within " + timeout.toSeconds() + " s");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static Duration percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return Duration.ofNanos(sorted[Math.max(0, index)]);
    }

    /** Notes each pod the first time a watch event shows it with a node. Events arrive on one thread. */
    private static final class BindingWatch implements WatchListener {
        private final Map<String, Long> sentAt;
        private final long[] latencies;
        private final Set<String> bound = ConcurrentHashMap.newKeySet();
        private final CountDownLatch done;
        private final AtomicReference<ApiException> failure = new AtomicReference<>();
        private volatile long lastBoundAt;
        private int seen;

        BindingWatch(Map<String, Long> sentAt, int count) {
            this.sentAt = sentAt;
            this.latencies = new long[count];
            this.done = new CountDownLatch(count);
        }

        @Override
        public void onEvent(WatchEvent event) {
            ObjectNode pod = event.object();
            String name = pod.path("metadata").path("name").asText();
            if (pod.path("spec").path("nodeName").asText("").isEmpty() || !bound.add(name)) {
                return;
            }
            long now = System.nanoTime();
            Long sent = sentAt.get(name);
            if (sent != null && seen < latencies.length) {
                latencies[seen++] = now - sent;
                lastBoundAt = now;
                done.countDown();
            }
        }

        @Override
        public void onClose(ApiException cause) {
            failure.compareAndSet(null, cause != null ? cause
                    : new ApiException.Failure(0, "WatchEnded", "the server ended the watch on pods"));
        }

        void await(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.await(200, TimeUnit.MILLISECONDS)) {
                if (failure.get() != null && done.getCount() > 0) {
                    throw new IllegalStateException("the watch on pods ended before every pod was bound: "
                            + failure.get().getMessage());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + (latencies.length - done.getCount()) + " of "
                            + latencies.length + " pods were bound within " + timeout.toSeconds() + " s");
                }
            }
        }

        long lastBoundAt() {
            return lastBoundAt;
        }

        long[] latencies() {
            return latencies.clone();
        }
    }
}
