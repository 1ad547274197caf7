package dev.orc.bench.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.cache.testing.MemorySource;
import dev.orc.api.client.ApiClient;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Condition;
import dev.orc.api.model.Container;
import dev.orc.api.model.Node;
import dev.orc.api.model.NodeSpec;
import dev.orc.api.model.NodeStatus;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.OwnerReference;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.Quantity;
import dev.orc.api.model.ResourceRequirements;
import dev.orc.api.record.EventRecorder;
import dev.orc.reconciler.scheduler.Scheduler;
import dev.orc.reconciler.scheduler.plugins.DefaultPlugins;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Drives the scheduler in-process over simulated nodes and pods: every pod is created at once through an
 * in-memory source (the API server's stand-in), bound through a client whose bindings write back
 * to that source, as the API server's watch would confirm it. Prints pods/s and p50/p99 of creation to
 * binding. Usage: {@code SchedulerBenchmark [nodes] [pods]} (defaults 1000 and 10000).
 */
public final class SchedulerBenchmark {
    /** What one run measured. */
    public record Result(int nodes, int pods, double podsPerSecond, Duration p50, Duration p99) {
        @Override
        public String toString() {
            return String.format("scheduled %d pods on %d nodes: %.0f pods/s, creation to binding p50 %d ms, p99 %d ms",
                    pods, nodes, podsPerSecond, p50.toMillis(), p99.toMillis());
        }
    }

    private SchedulerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int pods = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        run(Math.min(nodes, 200), Math.min(pods, 2000));
        System.out.println(run(nodes, pods));
    }

    /** One run over {@code nodeCount} fresh nodes and {@code podCount} pods; waits at most a few minutes. */
    public static Result run(int nodeCount, int podCount) throws Exception {
        MemorySource nodeSource = new MemorySource();
        MemorySource podSource = new MemorySource();
        for (int i = 0; i < nodeCount; i++) {
            nodeSource.put((ObjectNode) Json.tree(node(String.format("node-%04d", i))));
        }
        Map<ObjectKey, Long> created = new ConcurrentHashMap<>();
        long[] latencies = new long[podCount];
        int[] bound = {0};
        CountDownLatch done = new CountDownLatch(podCount);
        ApiClient client = ApiClient.over(new BindingTransport((podKey, nodeName) -> {
            int slash = podKey.indexOf('/');
            ObjectKey key = new ObjectKey(podKey.substring(0, slash), podKey.substring(slash + 1));
            long now = System.nanoTime();
            ObjectNode stored = podSource.get(key);
            ((ObjectNode) stored.get("spec")).put("nodeName", nodeName);
            podSource.put(stored);
            synchronized (latencies) {
                latencies[bound[0]++] = now - created.get(key);
            }
            done.countDown();
        }));
        try (Informer<Pod> podInformer = new Informer<>(ResourceTypes.POD, Pod.class, podSource, Duration.ofHours(1));
             Informer<Node> nodeInformer = new Informer<>(ResourceTypes.NODE, Node.class, nodeSource, Duration.ofHours(1));
             Scheduler scheduler = new Scheduler(podInformer, nodeInformer, client,
                     new EventRecorder(client, Scheduler.DEFAULT_SCHEDULER, Clock.systemUTC()), DefaultPlugins.framework(), Clock.systemUTC(), Scheduler.Options.defaults())) {
            scheduler.start(Duration.ofMinutes(1));
            long start = System.nanoTime();
            for (int i = 0; i < podCount; i++) {
                Pod pod = pod(i);
                created.put(new ObjectKey(pod.namespace(), pod.name()), System.nanoTime());
                podSource.put((ObjectNode) Json.tree(pod));
            }
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("only " + (podCount - done.getCount()) + " of " + podCount + " pods were bound within 5 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return new Result(nodeCount, podCount, podCount / seconds, percentile(sorted, 50), percentile(sorted, 99));
        }
    }

    private static Duration percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return Duration.ofNanos(sorted[Math.max(0, index)]);
    }

    private static Node node(String name) {
        Map<String, Quantity> allocatable = Map.of("cpu", Quantity.parse("16"), "memory", Quantity.parse("64Gi"),
                "pods", Quantity.of(110));
        NodeStatus status = new NodeStatus(allocatable, allocatable,
                List.of(Condition.of(NodeStatus.READY, Condition.TRUE, "KubeletReady", "ready", null)),
                null, null, null, null);
        return Node.of(ObjectMeta.named(name).withUid("uid-" + name).withLabel("kubernetes.io/hostname", name),
                new NodeSpec(null, null, null, null, null), status);
    }

    /** Pods of 100 replica sets, each requesting a little cpu and memory. */
    private static Pod pod(int i) {
        String owner = "rs-" + (i % 100);
        ObjectMeta meta = ObjectMeta.of("bench", "pod-" + i).withUid("pod-uid-" + i)
                .withOwnerReferences(List.of(new OwnerReference("apps/v1", "ReplicaSet", owner, "uid-" + owner, true, true)));
        Container container = Container.of("app", "bench:latest").withResources(new ResourceRequirements(null,
                Map.of("cpu", Quantity.parse("100m"), "memory", Quantity.parse("128Mi"))));
        return Pod.of(meta, PodSpec.of(container));
    }
}
