package dev.orc.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady churn of mutating requests at a fixed rate, as a busy team's cluster sees them: ConfigMap updates, and
 * scalings and rollouts of a pool of Deployments, and Deployments created and deleted.
 * Each request's latency is recorded; a request the workers cannot take in time is dropped and counted, so that
 * a slow server shows as a lower achieved rate, not as an ever-growing queue.
 */
final class SoakChurn implements AutoCloseable {
    static final String NAMESPACE = "soak";
    private static final int DEPLOYMENTS = 20;
    private static final int CONFIG_MAPS = 50;
    private static final int TOGGLED = 5;
    private static final int WORKERS = 8;

    private final ApiClient client;
    private final Latencies latencies = new Latencies();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final List<AtomicBoolean> toggledPresent = new ArrayList<>();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    private final ThreadPoolExecutor workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(WORKERS * 4), (task, pool) -> dropped.incrementAndGet());

    private SoakChurn(ApiClient client) {
        this.client = client;
        for (int i = 0; i < TOGGLED; i++) {
            toggledPresent.add(new AtomicBoolean());
        }
    }

    /** Creates the namespace, the Deployments and ConfigMaps the churn changes, then churns at {@code perSecond}. */
    static SoakChurn start(ApiClient client, int perSecond) {
        SoakChurn churn = new SoakChurn(client);
        churn.prepare();
        churn.ticks.scheduleAtFixedRate(() -> churn.workers.execute(churn::next), 0, 1_000_000_000L / perSecond,
                TimeUnit.NANOSECONDS);
        return churn;
    }

    /** The Deployments the churn runs (their pods' programs, for simulated nodes). */
    static List<ObjectNode> workloads() {
        List<ObjectNode> all = new ArrayList<>();
        for (int i = 0; i < DEPLOYMENTS; i++) {
            all.add(deployment("soak-" + i));
        }
        for (int i = 0; i < TOGGLED; i++) {
            all.add(deployment("churn-" + i));
        }
        return all;
    }

    Latencies latencies() {
        return latencies;
    }

    /** Requests dropped so far because every worker was busy and the queue full. */
    long dropped() {
        return dropped.get();
    }

    private void prepare() {
        ObjectNode namespace = Json.object();
        namespace.put("apiVersion", "v1").put("kind", "Namespace").putObject("metadata").put("name", NAMESPACE);
        client.create(ResourceTypes.NAMESPACE, null, namespace, WriteOptions.defaults());
        for (int i = 0; i < DEPLOYMENTS; i++) {
            client.create(ResourceTypes.DEPLOYMENT, NAMESPACE, deployment("soak-" + i), WriteOptions.defaults());
        }
        for (int i = 0; i < CONFIG_MAPS; i++) {
            ObjectNode map = Json.object();
            map.put("apiVersion", "v1").put("kind", "ConfigMap").putObject("metadata").put("name", "soak-cm-" + i);
            map.putObject("data").put("n", "0");
            client.create(ResourceTypes.CONFIG_MAP, NAMESPACE, map, WriteOptions.defaults());
        }
    }

    private void next() {
        long i = sequence.getAndIncrement();
        long started = System.nanoTime();
        try {
            operation(i);
            latencies.record(System.nanoTime() - started);
        } catch (ApiException | IllegalStateException e) {
            latencies.error();
        }
    }

    /**
     * Of every twenty requests: two scalings, one rollout and one Deployment created or deleted, the rest ConfigMap
     * updates; each Deployment of the pool gets its turn, so that a rollout can finish before its next one.
     */
    private void operation(long i) {
        String pooled = "soak-" + (i / 20 % DEPLOYMENTS);
        switch ((int) (i % 20)) {
            case 14, 15 -> client.scale(ResourceTypes.DEPLOYMENT, NAMESPACE, pooled, 1 + (int) (i / 20 % 3));
            case 16 -> client.patch(ResourceTypes.DEPLOYMENT, NAMESPACE, pooled, PatchType.MERGE,
                    Json.parse("{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"soak/revision\":\"" + i + "\"}}}}}"),
                    WriteOptions.defaults());
            case 17 -> toggle((int) (i / 20 % TOGGLED));
            default -> client.patch(ResourceTypes.CONFIG_MAP, NAMESPACE, "soak-cm-" + (i % CONFIG_MAPS), PatchType.MERGE,
                    Json.parse("{\"data\":{\"n\":\"" + i + "\"}}"), WriteOptions.defaults());
        }
    }

    /** Creates Deployment churn-N when the churn last left it absent, deletes it (in the background) otherwise. */
    private void toggle(int n) {
        AtomicBoolean present = toggledPresent.get(n);
        synchronized (present) {
            if (present.get()) {
                client.delete(ResourceTypes.DEPLOYMENT, NAMESPACE, "churn-" + n,
                        DeleteOptions.defaults().withPropagation(DeleteOptions.Propagation.Background));
            } else {
                client.create(ResourceTypes.DEPLOYMENT, NAMESPACE, deployment("churn-" + n), WriteOptions.defaults());
            }
            present.set(!present.get());
        }
    }

    private static ObjectNode deployment(String name) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"apps/v1","kind":"Deployment",
                 "metadata":{"name":"%1$s","namespace":"%2$s","labels":{"app":"%1$s"}},
                 "spec":{"replicas":1,"selector":{"matchLabels":{"app":"%1$s"}},
                  "template":{"metadata":{"labels":{"app":"%1$s"}},
                   "spec":{"terminationGracePeriodSeconds":1,
                    "containers":[{"name":"app","image":"%3$s","imagePullPolicy":"Never",
                    "command":["sh","-c","trap 'exit 0' TERM; while true; do sleep 5; done"],
                    "resources":{"requests":{"cpu":"5m","memory":"4Mi"}}}]}}}}
                """.formatted(name, NAMESPACE, IdleImages.BUSYBOX));
    }

    @Override
    public void close() throws InterruptedException {
        ticks.shutdownNow();
        workers.shutdown();
        if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }
}
