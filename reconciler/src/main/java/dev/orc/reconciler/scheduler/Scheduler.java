package dev.orc.reconciler.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.TypedResource;
import dev.orc.api.json.Json;
import dev.orc.api.model.Condition;
import dev.orc.api.model.Event;
import dev.orc.api.model.Node;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Timestamps;
import dev.orc.api.record.EventRecorder;
import dev.orc.reconciler.scheduler.framework.FitError;
import dev.orc.reconciler.scheduler.framework.Framework;
import dev.orc.reconciler.scheduler.framework.PodInfo;
import dev.orc.reconciler.scheduler.framework.ScheduleResult;
import dev.orc.reconciler.scheduler.framework.SchedulerCache;
import dev.orc.reconciler.scheduler.queue.SchedulingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The scheduling loop. One thread takes pods from the queue and decides, from the informer-fed cache
 * only; a placed pod is assumed on its node at once, so the next decision already counts it, and is
 * bound in the background (at most {@code parallelWrites} API writes in flight, and as many Events beside
 * them). A failed binding is forgotten and the pod decided again on the then current cache, at most
 * {@code bindAttempts} times in a row before it backs off. A pod that fits nowhere is marked Unschedulable with the counted reasons.
 * Its writes go through the API: a {@code Binding} per placed pod, a status patch with condition
 * {@code PodScheduled=False} for a pod that fits nowhere, and Events (a pod's unchanged FailedScheduling Event at most
 * every {@link #REPEATED_EVENT_INTERVAL}, see {@link RepeatedEvents}).
 */
public final class Scheduler implements AutoCloseable {
    public static final String DEFAULT_SCHEDULER = "default-scheduler";
    public static final String SCHEDULED = "Scheduled";
    public static final String FAILED_SCHEDULING = "FailedScheduling";
    public static final String UNSCHEDULABLE = "Unschedulable";
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** How often a pod's unchanged FailedScheduling Event is recorded again, as client-go's event spam filter allows. */
    static final Duration REPEATED_EVENT_INTERVAL = Duration.ofMinutes(5);

    /** Tunables; {@link #defaults()} suits a real cluster. */
    public record Options(int bindAttempts, int parallelWrites, Duration initialBackoff, Duration maxBackoff) {
        public static Options defaults() {
            return new Options(3, 32, Duration.ofSeconds(1), Duration.ofSeconds(60));
        }
    }

    private final Informer<Pod> pods;
    private final Informer<Node> nodes;
    private final ApiClient client;
    private final TypedResource<Pod> podClient;
    private final EventRecorder events;
    private final InstantSource clock;
    private final Framework framework;
    private final Options options;
    private final SchedulerCache cache = new SchedulerCache();
    private final SchedulingQueue queue;
    private final Map<ObjectKey, PodInfo> pending = new ConcurrentHashMap<>();
    private final Map<ObjectKey, Integer> bindFailures = new ConcurrentHashMap<>();
    private final Semaphore writes;
    private final Semaphore eventWrites;
    private final RepeatedEvents unschedulableEvents;
    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;
    private Thread loop;

    public Scheduler(Informer<Pod> pods, Informer<Node> nodes, ApiClient client, EventRecorder events, Framework framework,
                     InstantSource clock, Options options) {
        this.pods = pods;
        this.nodes = nodes;
        this.client = client;
        this.podClient = client.resource(Pod.class);
        this.events = events;
        this.clock = clock;
        this.framework = framework;
        this.options = options;
        this.queue = new SchedulingQueue(clock, options.initialBackoff(), options.maxBackoff());
        this.writes = new Semaphore(options.parallelWrites());
        this.eventWrites = new Semaphore(options.parallelWrites());
        this.unschedulableEvents = new RepeatedEvents(clock, REPEATED_EVENT_INTERVAL);
        ClusterEvents handlers = new ClusterEvents(cache, queue, pending);
        nodes.addHandler(handlers.nodes());
        pods.addHandler(handlers.pods());
    }

    /** Starts the informers, waits (bounded) until both have synced, then starts the loop. */
    public synchronized void start(Duration syncTimeout) throws InterruptedException {
        sync(syncTimeout);
        if (loop == null) {
            loop = Thread.ofPlatform().name("scheduler").daemon().start(this::run);
        }
    }

    /** Starts the informers and waits (bounded) until both have synced, without starting the loop. */
    public void sync(Duration syncTimeout) throws InterruptedException {
        nodes.start();
        pods.start();
        for (Informer<?> informer : List.of(nodes, pods)) {
            if (!informer.waitForSync(syncTimeout)) {
                throw new IllegalStateException("scheduler: cache of " + informer.type().plural() + " did not sync within " + syncTimeout);
            }
        }
    }

    private void run() {
        while (!closed) {
            try {
                scheduleOne(POLL);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("scheduler: unexpected failure, continuing: {}", e.toString());
            }
        }
    }

    /** Decides for the next pod if one is ready within {@code timeout}; returns whether one was taken. */
    public boolean scheduleOne(Duration timeout) throws InterruptedException {
        Optional<ObjectKey> next = queue.get(timeout);
        if (next.isEmpty()) {
            return false;
        }
        ObjectKey key = next.get();
        PodInfo pod = pending.get(key);
        if (pod == null || cache.isAssumed(key)) {
            return true;
        }
        ScheduleResult result = cache.read(snapshot -> framework.schedule(pod, snapshot));
        switch (result) {
            case ScheduleResult.Placement placement -> {
                cache.assume(pod, placement.nodeName());
                write(() -> bind(pod, placement.nodeName()));
            }
            case FitError fit -> {
                queue.addUnschedulable(key);
                write(() -> reportUnschedulable(pod.pod(), fit.message()));
            }
        }
        return true;
    }

    private void bind(PodInfo pod, String nodeName) {
        ObjectKey key = pod.key();
        try {
            client.bind(key.namespace(), key.name(), nodeName);
        } catch (RuntimeException e) {
            cache.forget(key);
            int failures = bindFailures.merge(key, 1, Integer::sum);
            LOG.debug("scheduler: binding {} to {} failed ({} of {}): {}", key, nodeName, failures, options.bindAttempts(), e.toString());
            if (failures < options.bindAttempts()) {
                queue.add(key);
            } else {
                bindFailures.remove(key);
                queue.addUnschedulable(key);
                events.record(pod.pod(), Event.WARNING, FAILED_SCHEDULING,
                        "Binding rejected: " + e.getMessage());
            }
            return;
        }
        bindFailures.remove(key);
        queue.forget(key);
        recordEvent(() -> events.record(pod.pod(), Event.NORMAL, SCHEDULED,
                "Successfully assigned " + key + " to " + nodeName));
    }

    /**
     * Records an Event on an event slot of its own, so that a binding frees its write slot once it is stored.
     * When every event slot is taken the Event is recorded in place: binding slows down rather than Events
     * piling up without bound.
     */
    private void recordEvent(Runnable record) {
        if (!eventWrites.tryAcquire()) {
            record.run();
            return;
        }
        try {
            writers.execute(() -> {
                try {
                    record.run();
                } finally {
                    eventWrites.release();
                }
            });
        } catch (RejectedExecutionException closing) {
            eventWrites.release();
        }
    }

    private void reportUnschedulable(Pod pod, String message) {
        if (unschedulableEvents.take(new ObjectKey(pod.namespace(), pod.name()), message)) {
            events.record(pod, Event.WARNING, FAILED_SCHEDULING, message);
        }
        if (alreadyMarked(pod, message)) {
            return;
        }
        try {
            markUnschedulable(pod, message);
        } catch (RuntimeException e) {
            LOG.debug("scheduler: marking {} unschedulable failed, the next attempt writes it again: {}",
                    pod.name(), e.toString());
        }
    }

    private static boolean alreadyMarked(Pod pod, String message) {
        return scheduledCondition(pod)
                .filter(c -> !c.statusTrue() && UNSCHEDULABLE.equals(c.reason()) && message.equals(c.message()))
                .isPresent();
    }

    /**
     * Patches condition PodScheduled=False (reason Unschedulable, the counted reasons as message) into the pod's
     * status, merged by type with its other conditions; the transition time moves only when it was not False.
     */
    private void markUnschedulable(Pod pod, String message) {
        boolean wasFalse = scheduledCondition(pod).filter(c -> Condition.FALSE.equals(c.status())).isPresent();
        Condition condition = Condition.of(PodStatus.POD_SCHEDULED, Condition.FALSE, UNSCHEDULABLE, message,
                wasFalse ? null : Timestamps.format(clock.instant()));
        ObjectNode patch = Json.object();
        ObjectNode status = patch.putObject("status").put("phase", PodStatus.PENDING);
        status.putArray("conditions").add(Json.tree(condition));
        podClient.patchStatus(pod.namespace(), pod.name(), PatchType.STRATEGIC_MERGE, patch);
    }

    private static Optional<Condition> scheduledCondition(Pod pod) {
        PodStatus status = pod.status();
        return status == null ? Optional.empty() : status.condition(PodStatus.POD_SCHEDULED);
    }

    /** Runs an API write in the background, waiting for a free slot first so writes cannot pile up unbounded. */
    private void write(Runnable task) throws InterruptedException {
        while (!writes.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
            if (closed) {
                return;
            }
        }
        try {
            writers.execute(() -> {
                try {
                    task.run();
                } finally {
                    writes.release();
                }
            });
        } catch (RuntimeException e) {
            writes.release();
            throw e;
        }
    }

    /** Pods waiting for a decision now (not counting unschedulable ones in backoff). */
    public int activePods() {
        return queue.length();
    }

    public int unschedulablePods() {
        return queue.unschedulableCount();
    }

    /** The node a pod is bound or assumed on, as the scheduler sees it. */
    public Optional<String> nodeOf(ObjectKey key) {
        return cache.nodeOf(key);
    }

    @Override
    public void close() {
        closed = true;
        queue.shutDown();
        if (loop != null) {
            loop.interrupt();
        }
        writers.shutdown();
    }
}
