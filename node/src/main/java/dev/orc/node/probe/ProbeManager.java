package dev.orc.node.probe;

import dev.orc.api.model.Container;
import dev.orc.api.model.Event;
import dev.orc.api.model.Pod;
import dev.orc.node.pod.ContainerHealth;
import dev.orc.node.pod.ObservedContainer;
import dev.orc.node.pod.ObservedPod;
import dev.orc.node.runtime.ContainerRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs every probe of every running container on the node: one shared timer looks for due probes every
 * {@link #TICK} and runs each on the executor (virtual threads), so no thread waits per probe. The pod
 * workers tell it which containers run ({@link #observe}); it tells them, through the listener given to
 * {@link #start}, when a pod's health changed, and answers {@link ContainerHealth} from the results.
 * Probe state belongs to one container attempt: a restarted container starts over, as in Kubernetes.
 */
public final class ProbeManager implements ContainerHealth, AutoCloseable {

    public static final Duration TICK = Duration.ofMillis(100);
    private static final Logger LOG = LoggerFactory.getLogger(ProbeManager.class);

    /** The probed containers of one pod, by container id. */
    private record PodProbes(Pod pod, Map<String, ContainerProbes> byContainerId) {
    }

    private final Prober prober;
    private final Clock clock;
    private final Executor executor;
    private final PodEvents events;
    private final Map<String, PodProbes> pods = new ConcurrentHashMap<>();
    private volatile Consumer<String> onChange = uid -> { };
    private ScheduledExecutorService timer;

    /** @param executor runs each probe; tests pass {@code Runnable::run} to probe inline */
    public ProbeManager(Prober prober, Clock clock, Executor executor, PodEvents events) {
        this.prober = prober;
        this.clock = clock;
        this.executor = executor;
        this.events = events;
    }

    /** Probes containers of {@code runtime} on virtual threads. */
    public static ProbeManager onVirtualThreads(ContainerRuntime runtime, Clock clock, PodEvents events) {
        return new ProbeManager(new ActionProber(runtime), clock, Executors.newVirtualThreadPerTaskExecutor(), events);
    }

    /** {@code onChange} gets the uid of a pod whose health changed. */
    public void listen(Consumer<String> onChange) {
        this.onChange = onChange;
    }

    /** Starts the shared timer, telling {@code onChange} of every change. */
    public synchronized void start(Consumer<String> onChange) {
        listen(onChange);
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("orc-probes").daemon().factory());
            timer.scheduleWithFixedDelay(this::runDue, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void observe(Pod pod, ObservedPod observed) {
        String uid = pod.metadata().uid();
        if (pod.metadata().deleting()) {
            pods.remove(uid);
            return;
        }
        String podIP = observed.network().filter(ObservedContainer::running).map(c -> c.info().ipAddress()).orElse("");
        PodProbes old = pods.get(uid);
        Map<String, ContainerProbes> current = new HashMap<>();
        for (Container container : pod.spec().containers()) {
            if (!ContainerProbes.hasProbes(container)) {
                continue;
            }
            observed.current(container.name()).filter(ObservedContainer::running).ifPresent(c -> {
                ContainerProbes known = old == null ? null : old.byContainerId().get(c.id());
                current.put(c.id(), known != null ? known : new ContainerProbes(
                        new ProbeTarget(container, c.id(), podIP), c.info().startedAt().orElse(clock.instant())));
            });
        }
        if (current.isEmpty()) {
            pods.remove(uid);
        } else {
            pods.put(uid, new PodProbes(pod, Map.copyOf(current)));
        }
    }

    @Override
    public void forget(String podUid) {
        pods.remove(podUid);
    }

    @Override
    public boolean alive(String podUid, ObservedContainer container) {
        return find(podUid, container).map(ContainerProbes::alive).orElse(true);
    }

    @Override
    public Optional<Duration> killGrace(String podUid, ObservedContainer container) {
        return find(podUid, container).flatMap(ContainerProbes::killGrace);
    }

    @Override
    public boolean started(String podUid, ObservedContainer container) {
        return container.running() && find(podUid, container).map(ContainerProbes::started).orElse(true);
    }

    @Override
    public boolean ready(String podUid, ObservedContainer container) {
        return container.running() && find(podUid, container).map(ContainerProbes::ready).orElse(true);
    }

    private Optional<ContainerProbes> find(String podUid, ObservedContainer container) {
        return Optional.ofNullable(pods.get(podUid)).map(p -> p.byContainerId().get(container.id()));
    }

    /** When the next probe is due, if any container is probed (for tests on a manual clock). */
    public Optional<Instant> nextRun() {
        return pods.values().stream().flatMap(p -> p.byContainerId().values().stream())
                .flatMap(c -> c.nextRun().stream()).min(Instant::compareTo);
    }

    /** Starts every probe that is due now. */
    public void runDue() {
        Instant now = clock.instant();
        for (PodProbes pod : List.copyOf(pods.values())) {
            for (ContainerProbes container : pod.byContainerId().values()) {
                for (ProbeKind kind : container.begin(now)) {
                    executor.execute(() -> run(pod.pod(), container, kind));
                }
            }
        }
    }

    private void run(Pod pod, ContainerProbes container, ProbeKind kind) {
        ProbeOutcome outcome;
        try {
            outcome = prober.probe(container.target(), container.probe(kind), container.timing(kind).timeout());
        } catch (RuntimeException e) {
            outcome = ProbeOutcome.errored(String.valueOf(e.getMessage()));
        }
        container.record(kind, outcome).ifPresent(change -> {
            if (!change.result()) {
                report(pod, container.target().container().name(), change);
            }
            onChange.accept(pod.metadata().uid());
        });
    }

    private void report(Pod pod, String containerName, ContainerProbes.Change change) {
        try {
            events.record(pod, Event.WARNING, "Unhealthy", change.kind().title() + " probe failed: " + change.message(),
                    clock.instant());
            if (change.kind() != ProbeKind.READINESS) {
                events.record(pod, Event.NORMAL, "Killing", "Container " + containerName + " failed "
                        + change.kind().title().toLowerCase(java.util.Locale.ROOT) + " probe, will be restarted", clock.instant());
            }
        } catch (RuntimeException e) {
            LOG.warn("recording a probe event of pod {}/{} failed: {}", pod.metadata().namespace(), pod.metadata().name(),
                    e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (executor instanceof ExecutorService service) {
            service.shutdownNow();
        }
        if (prober instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("could not stop the prober: {}", e.getMessage());
            }
        }
    }
}
