package dev.orc.node.pod;

import dev.orc.node.config.ContainerConfigException;
import dev.orc.node.cluster.NodeApi;
import dev.orc.api.model.Container;
import dev.orc.api.model.ContainerState;
import dev.orc.api.model.Pod;
import dev.orc.node.runtime.ContainerNotFoundException;
import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.ContainerSpec;
import dev.orc.node.runtime.HostPortInUseException;
import dev.orc.node.volume.PodVolumes;
import dev.orc.node.volume.PreparedVolume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * Performs a {@link Plan}'s actions against the runtime and the API. A failure of one container's
 * start becomes that container's waiting reason (ErrImagePull, CreateContainerConfigError,
 * CreateContainerError) instead of failing the whole sync.
 */
public final class PodExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(PodExecutor.class);
    /** The restart count given to a create that repeats the same attempt, so that it is not counted twice. */
    private static final int NOT_A_RESTART = 0;

    private final ContainerRuntime runtime;
    private final NodeApi api;
    private final ContainerSpecs specs;
    private final KeyedBackoff crashBackoff;
    private final KeyedBackoff pullBackoff;
    private final Runnable ensureInfraImage;
    private final String hostIP;
    private final PodVolumes volumes;
    private final ContainerCreates creates;

    public PodExecutor(ContainerRuntime runtime, NodeApi api, ContainerSpecs specs, KeyedBackoff crashBackoff,
                       KeyedBackoff pullBackoff, Runnable ensureInfraImage, String hostIP, PodVolumes volumes) {
        this.runtime = runtime;
        this.volumes = volumes;
        this.api = api;
        this.specs = specs;
        this.crashBackoff = crashBackoff;
        this.pullBackoff = pullBackoff;
        this.ensureInfraImage = ensureInfraImage;
        this.hostIP = hostIP;
        this.creates = new ContainerCreates(runtime, crashBackoff, pullBackoff);
    }

    /** Runs the actions in order; returns the waiting reasons of containers whose start failed. */
    public Map<String, ContainerState.Waiting> execute(Pod pod, String uid, ObservedPod observed,
                                                       List<PodAction> actions) {
        Map<String, ContainerState.Waiting> waiting = new HashMap<>();
        Optional<PodInfra> infra = observed.infra().map(c -> PodInfra.running(c.info()));
        for (PodAction action : actions) {
            switch (action) {
                case PodAction.StartInfra start -> infra = startInfra(pod, start.attempt(), waiting);
                case PodAction.StartContainer start -> infra.ifPresentOrElse(
                        sandbox -> startContainer(pod, sandbox, start, waiting), () -> requireWaiting(start, waiting));
                case PodAction.StartAlone start -> startAlone(pod, start, waiting);
                case PodAction.Stop stop -> stop(stop.container(), stop.grace());
                case PodAction.StopAll stopAll -> stopAll(uid, observed, stopAll.grace());
                case PodAction.Remove remove -> remove(remove.container().id());
                case PodAction.RemoveAll ignored -> {
                    observed.containers().forEach(c -> remove(c.id()));
                    volumes.remove(uid);
                }
                case PodAction.DeletePod ignored -> api.deletePodFinal(pod);
            }
        }
        infra.ifPresent(PodInfra::await);
        return waiting;
    }

    /** Creates the infra container and starts it in the background; empty when the create failed. */
    private Optional<PodInfra> startInfra(Pod pod, int attempt, Map<String, ContainerState.Waiting> waiting) {
        String uid = pod.metadata().uid();
        if (attempt > 0) {
            crashBackoff.recordAttempt(PodPlanner.key(uid, PodLabels.INFRA_NAME));
        }
        ContainerSpec spec = specs.infra(pod, attempt);
        String id;
        try {
            id = createInfra(spec);
        } catch (ContainerRuntimeException e) {
            infraFailed(pod, e, waiting);
            return Optional.empty();
        }
        if (ContainerSpecs.reusesRecordedPorts(pod)) {
            return startInfraNow(pod, spec, id, waiting);
        }
        return Optional.of(PodInfra.starting(runtime, id, e -> {
            remove(id);
            infraFailed(pod, e, waiting);
        }));
    }

    /**
     * Starts a later infra container before any container joins it: it asks for the host ports of the one before, and
     * when one of those is taken on this host now, it is created again with ports the runtime allocates.
     */
    private Optional<PodInfra> startInfraNow(Pod pod, ContainerSpec spec, String id,
                                             Map<String, ContainerState.Waiting> waiting) {
        try {
            try {
                runtime.start(id);
                return Optional.of(PodInfra.running(runtime.inspect(id)));
            } catch (HostPortInUseException e) {
                portsMoved(pod, e);
                String moved = createInfra(ContainerSpecs.withAllocatedPorts(spec, pod));
                runtime.start(moved);
                return Optional.of(PodInfra.running(runtime.inspect(moved)));
            }
        } catch (ContainerRuntimeException e) {
            remove(spec.name());
            infraFailed(pod, e, waiting);
            return Optional.empty();
        }
    }

    private static void portsMoved(Pod pod, HostPortInUseException e) {
        LOG.warn("pod {}/{}: a host port of the container before is taken on this host now, so its ports move to "
                + "ones Docker allocates ({})", pod.metadata().namespace(), pod.metadata().name(), e.getMessage());
    }

    private void infraFailed(Pod pod, ContainerRuntimeException e, Map<String, ContainerState.Waiting> waiting) {
        crashBackoff.recordAttempt(PodPlanner.key(pod.metadata().uid(), PodLabels.INFRA_NAME));
        pod.spec().allContainers().forEach(c -> waiting.put(c.name(),
                new ContainerState.Waiting("ContainerCreating", "failed to create the pod's network: " + e.getMessage())));
    }

    /** Makes sure of the infra image only when a create fails (it may have been removed), not before every pod. */
    private String createInfra(ContainerSpec spec) {
        try {
            return creates.createReplacing(spec);
        } catch (ContainerRuntimeException e) {
            ensureInfraImage.run();
            return creates.createReplacing(spec);
        }
    }

    /** A container start planned after its infra container's start is skipped when that failed. */
    private static void requireWaiting(PodAction.StartContainer start, Map<String, ContainerState.Waiting> waiting) {
        if (!waiting.containsKey(start.container().name())) {
            throw new IllegalStateException("planned the start of container '" + start.container().name()
                    + "' without an infra container");
        }
    }

    /**
     * Creates and starts one container. All but the start overlap the infra container's start, unless the
     * container's environment needs the pod's address.
     */
    private void startContainer(Pod pod, PodInfra infra, PodAction.StartContainer start,
                                Map<String, ContainerState.Waiting> waiting) {
        Container container = start.container();
        String key = PodPlanner.key(pod.metadata().uid(), container.name());
        boolean needsAddress = PodEnv.usesPodIP(container);
        if (needsAddress && infra.await().isEmpty()) {
            return;
        }
        ContainerSpec spec;
        try {
            Map<String, PreparedVolume> prepared = volumes.prepare(pod);
            String podIP = needsAddress ? infra.await().orElseThrow().ipAddress() : "";
            spec = specs.container(pod, container, start.role(), start.restartCount(), infra.id(), podIP, hostIP,
                    prepared);
        } catch (ContainerConfigException | UncheckedIOException e) {
            waiting.put(container.name(), new ContainerState.Waiting("CreateContainerConfigError", e.getMessage()));
            return;
        }
        Optional<String> id = creates.create(spec, ContainerSecurity.of(pod, container), key, start.restartCount(),
                container, waiting);
        if (id.isEmpty()) {
            return;
        }
        if (infra.await().isEmpty()) {
            remove(id.get());
            return;
        }
        run(id.get(), container, waiting);
    }

    /** Creates and starts the pod's only container, which holds the pod's network itself. */
    private void startAlone(Pod pod, PodAction.StartAlone start, Map<String, ContainerState.Waiting> waiting) {
        Container container = start.container();
        String key = PodPlanner.key(pod.metadata().uid(), container.name());
        ContainerSpec spec;
        try {
            spec = specs.alone(pod, container, start.restartCount(), hostIP, volumes.prepare(pod));
        } catch (ContainerConfigException | UncheckedIOException e) {
            waiting.put(container.name(), new ContainerState.Waiting("CreateContainerConfigError", e.getMessage()));
            return;
        }
        ContainerSecurity security = ContainerSecurity.of(pod, container);
        Optional<String> id = creates.create(spec, security, key, start.restartCount(), container, waiting);
        if (id.isEmpty()) {
            return;
        }
        try {
            runtime.start(id.get());
        } catch (HostPortInUseException e) {
            if (!ContainerSpecs.reusesRecordedPorts(pod)) {
                waiting.put(container.name(), new ContainerState.Waiting("RunContainerError", e.getMessage()));
                return;
            }
            portsMoved(pod, e);
            creates.create(ContainerSpecs.withAllocatedPorts(spec, pod), security, key, NOT_A_RESTART, container,
                    waiting).ifPresent(moved -> run(moved, container, waiting));
        } catch (ContainerRuntimeException e) {
            waiting.put(container.name(), new ContainerState.Waiting("RunContainerError", e.getMessage()));
        }
    }

    private void run(String id, Container container, Map<String, ContainerState.Waiting> waiting) {
        try {
            runtime.start(id);
        } catch (ContainerRuntimeException e) {
            waiting.put(container.name(), new ContainerState.Waiting("RunContainerError", e.getMessage()));
        }
    }

    private void stop(ObservedContainer container, Duration grace) {
        try {
            runtime.stop(container.id(), grace);
        } catch (ContainerNotFoundException e) {
            // already gone: nothing left to stop
        }
    }

    /** Stops all app and init containers at once (each gets the full grace period), then the infra container. */
    private void stopAll(String uid, ObservedPod observed, Duration grace) {
        List<ObservedContainer> running = new ArrayList<>(observed.running());
        List<ObservedContainer> workloads = running.stream().filter(c -> c.role() != ContainerRole.INFRA).toList();
        try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            workloads.forEach(c -> parallel.submit(() -> stop(c, grace)));
        }
        running.stream().filter(c -> c.role() == ContainerRole.INFRA).forEach(c -> stop(c, grace));
        crashBackoff.forget(uid + "/");
        pullBackoff.forget(uid + "/");
    }

    private void remove(String idOrName) {
        try {
            runtime.remove(idOrName);
        } catch (ContainerNotFoundException e) {
            // already removed
        }
    }
}
