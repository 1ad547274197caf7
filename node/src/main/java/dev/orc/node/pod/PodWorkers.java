package dev.orc.node.pod;

import dev.orc.api.model.Pod;
import dev.orc.api.wait.Backoff;
import dev.orc.node.cluster.NodeApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@link PodWorker} per pod: keys, not events. A change to a pod, a timer or a resync only
 * marks its uid due; a due pod syncs on a virtual thread, never two syncs of one pod at once, and a
 * pod marked due while syncing syncs once more. Idle pods hold no thread, just a timer for their
 * next look (at most the resync interval away, so a crashed container is noticed).
 * Also the agent's {@link NodeApi.PodHandler}: pods of this node flow in here.
 */
public final class PodWorkers implements NodeApi.PodHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PodWorkers.class);
    private static final Duration MAX_FAILURE_DELAY = Duration.ofSeconds(30);
    /** How long {@link #close} waits for syncs under way to finish. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(15);

    private final PodWorker.Context context;
    private final PodObserver observer;
    private final Clock clock;
    private final Duration resync;
    /** After a failed sync: the resync interval, doubling, at most {@link #MAX_FAILURE_DELAY}. */
    private final Backoff failureRetry;
    private final Map<String, Pod> desired = new ConcurrentHashMap<>();
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("orc-pod-timers").daemon().factory());
    private volatile boolean closed;

    /** Per pod: its worker, whether a sync runs, whether another is due, its timer. */
    private static final class Slot {
        final PodWorker worker;
        boolean running;
        boolean dirty;
        int failures;
        ScheduledFuture<?> timer;

        Slot(PodWorker worker) {
            this.worker = worker;
        }
    }

    public PodWorkers(PodWorker.Context context, Duration resync) {
        this.context = context;
        this.observer = context.observer();
        this.clock = context.clock();
        this.resync = resync;
        this.failureRetry = Backoff.exponential(resync.compareTo(MAX_FAILURE_DELAY) < 0 ? resync : MAX_FAILURE_DELAY,
                MAX_FAILURE_DELAY);
    }

    /**
     * Every pod bound to the node, after a list: pods missing from it are gone, and so are the containers
     * and volume directories of unknown pods. A listed pod already held as it is was handed to its worker when it
     * arrived (the list's own add or update comes first), so it is not synced again for the list.
     */
    @Override
    public void replaceAll(List<Pod> pods) {
        Set<String> listed = new HashSet<>();
        Set<String> due = new HashSet<>();
        for (Pod pod : pods) {
            String uid = pod.metadata().uid();
            listed.add(uid);
            if (!pod.equals(desired.put(uid, pod))) {
                due.add(uid);
            }
        }
        desired.keySet().removeIf(uid -> !listed.contains(uid));
        Set<String> known = new HashSet<>(slots.keySet());
        known.addAll(observer.podUids());
        known.addAll(context.volumes().podUids());
        known.removeAll(listed);
        due.addAll(known);
        due.forEach(this::enqueue);
    }

    /** A pod changed, or was bound here; the echo of the agent's own status write only replaces the pod held. */
    @Override
    public void upsert(Pod pod) {
        String uid = pod.metadata().uid();
        Pod before = desired.put(uid, pod);
        if (before != null && echoOfOwnStatus(uid, before, pod)) {
            return;
        }
        enqueue(uid);
    }

    /**
     * The pod as before but for its resourceVersion and the status its worker wrote last: nothing that worker does not
     * know (the kubelet, too, does not sync a pod for a change of its status alone).
     */
    private boolean echoOfOwnStatus(String uid, Pod before, Pod pod) {
        Slot slot = slots.get(uid);
        return slot != null && slot.worker.wrote(pod.status()) && Objects.equals(before.spec(), pod.spec())
                && before.metadata().withResourceVersion(null).equals(pod.metadata().withResourceVersion(null));
    }

    @Override
    public void delete(Pod pod) {
        desired.remove(pod.metadata().uid());
        enqueue(pod.metadata().uid());
    }

    /** The pods this agent currently holds, by uid. */
    public Map<String, Pod> pods() {
        return Map.copyOf(desired);
    }

    /** Marks a pod due now, e.g. when a probe result changed. */
    public void enqueue(String uid) {
        Slot slot;
        synchronized (this) {
            if (closed) {
                return;
            }
            slot = slots.computeIfAbsent(uid, u -> new Slot(new PodWorker(u, context)));
            if (slot.running) {
                slot.dirty = true;
                return;
            }
            slot.running = true;
            cancelTimer(slot);
        }
        Thread.ofVirtual().name("orc-pod-" + uid).start(() -> run(uid, slot));
    }

    private void run(String uid, Slot slot) {
        while (true) {
            PodWorker.Result result = syncOnce(uid, slot);
            synchronized (this) {
                if (slot.dirty && !closed) {
                    slot.dirty = false;
                    continue;
                }
                slot.running = false;
                notifyAll();
                if (result.finished() && !desired.containsKey(uid)) {
                    slots.remove(uid);
                    observer.forget(uid);
                    return;
                }
                Instant next = result.wakeAt().orElse(clock.instant().plus(resync));
                Instant latest = clock.instant().plus(resync);
                schedule(uid, slot, next.isAfter(latest) ? latest : next);
                return;
            }
        }
    }

    private PodWorker.Result syncOnce(String uid, Slot slot) {
        try {
            PodWorker.Result result = slot.worker.sync(desired.get(uid));
            slot.failures = 0;
            return result;
        } catch (RuntimeException e) {
            slot.failures = Math.min(slot.failures + 1, 16);
            LOG.warn("sync of pod {} failed: {}", describe(uid), e.getMessage(), e);
            return new PodWorker.Result(false, Optional.of(clock.instant().plus(failureRetry.delay(slot.failures))));
        }
    }

    private String describe(String uid) {
        Pod pod = desired.get(uid);
        return pod == null ? uid : pod.metadata().namespace() + "/" + pod.metadata().name();
    }

    private void schedule(String uid, Slot slot, Instant at) {
        if (closed) {
            return;
        }
        long delayMillis = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        slot.timer = timers.schedule(() -> enqueue(uid), delayMillis, TimeUnit.MILLISECONDS);
    }

    private static void cancelTimer(Slot slot) {
        if (slot.timer != null) {
            slot.timer.cancel(false);
            slot.timer = null;
        }
    }

    /** True when no pod is syncing right now (for tests and shutdown). */
    public synchronized boolean quiet() {
        return slots.values().stream().noneMatch(s -> s.running);
    }

    /** Starts no more syncs and waits (at most {@link #CLOSE_WAIT}) for those under way, so none is cut off midway. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            slots.values().forEach(PodWorkers::cancelTimer);
            long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
            while (!quiet()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    LOG.warn("pod syncs still running after {} s; stopping without them", CLOSE_WAIT.toSeconds());
                    break;
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        timers.shutdownNow();
    }
}
