package dev.orc.node.pod;

import dev.orc.api.model.Container;
import dev.orc.api.model.ContainerState;
import dev.orc.api.model.Pod;
import dev.orc.node.NodeApi;
import dev.orc.node.runtime.ContainerConflictException;
import dev.orc.node.runtime.ContainerNotFoundException;
import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.ContainerSpec;
import dev.orc.node.runtime.ImagePullException;
import dev.orc.node.runtime.ImageRef;
import dev.orc.node.runtime.PullPolicy;
import dev.orc.node.volume.PodVolumes;
import dev.orc.node.volume.PreparedVolume;

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

    private final ContainerRuntime runtime;
    private final NodeApi api;
    private final ContainerSpecs specs;
    private final Backoff crashBackoff;
    private final Backoff pullBackoff;
    private final Runnable ensureInfraImage;
    private final String hostIP;
    private final PodVolumes volumes;

    public PodExecutor(ContainerRuntime runtime, NodeApi api, ContainerSpecs specs, Backoff crashBackoff,
                       Backoff pullBackoff, Runnable ensureInfraImage, String hostIP, PodVolumes volumes) {
        this.runtime = runtime;
        this.volumes = volumes;
        this.api = api;
        this.specs = specs;
        this.crashBackoff = crashBackoff;
        this.pullBackoff = pullBackoff;
        this.ensureInfraImage = ensureInfraImage;
        this.hostIP = hostIP;
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
        return Optional.of(PodInfra.starting(runtime, id, e -> {
            remove(id);
            infraFailed(pod, e, waiting);
        }));
    }

    private void infraFailed(Pod pod, ContainerRuntimeException e, Map<String, ContainerState.Waiting> waiting) {
        crashBackoff.recordAttempt(PodPlanner.key(pod.metadata().uid(), PodLabels.INFRA_NAME));
        pod.spec().allContainers().forEach(c -> waiting.put(c.name(),
                new ContainerState.Waiting("ContainerCreating", "failed to create the pod's network: " + e.getMessage())));
    }

    /** Makes sure of the infra image only when a create fails (it may have been removed), not before every pod. */
    private String createInfra(ContainerSpec spec) {
        try {
            return createReplacing(spec);
        } catch (ContainerRuntimeException e) {
            ensureInfraImage.run();
            return createReplacing(spec);
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
        Optional<String> id = create(spec, key, start.restartCount(), container, waiting);
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
        create(spec, key, start.restartCount(), container, waiting).ifPresent(id -> run(id, container, waiting));
    }

    /** Makes the container's image present; false (with ErrImagePull) when that failed. */
    private boolean pulled(Container container, String key, Map<String, ContainerState.Waiting> waiting) {
        try {
            runtime.ensureImage(container.image(), pullPolicy(container));
            return true;
        } catch (ImagePullException e) {
            pullBackoff.recordAttempt(key);
            waiting.put(container.name(), new ContainerState.Waiting("ErrImagePull", e.getMessage()));
            return false;
        }
    }

    /**
     * Creates attempt {@code restartCount} of a container, a restart counting toward its back-off; empty when the
     * create failed. The image is pulled first under pull policy Always; else it is made sure of only when a create
     * fails, and the create tried once more: an image that is there, the usual case, costs no look-up per container.
     */
    private Optional<String> create(ContainerSpec spec, String key, int restartCount, Container container,
                                    Map<String, ContainerState.Waiting> waiting) {
        boolean pullFirst = pullPolicy(container) == PullPolicy.ALWAYS;
        if (pullFirst && !pulled(container, key, waiting)) {
            return Optional.empty();
        }
        if (restartCount > 0) {
            crashBackoff.recordAttempt(key);
        }
        try {
            return Optional.of(createReplacing(spec));
        } catch (ContainerRuntimeException e) {
            if (pullFirst) {
                return createFailed(container, e, waiting);
            }
        }
        if (!pulled(container, key, waiting)) {
            return Optional.empty();
        }
        try {
            return Optional.of(createReplacing(spec));
        } catch (ContainerRuntimeException e) {
            return createFailed(container, e, waiting);
        }
    }

    private static Optional<String> createFailed(Container container, ContainerRuntimeException e,
                                                 Map<String, ContainerState.Waiting> waiting) {
        waiting.put(container.name(), new ContainerState.Waiting("CreateContainerError", e.getMessage()));
        return Optional.empty();
    }

    private void run(String id, Container container, Map<String, ContainerState.Waiting> waiting) {
        try {
            runtime.start(id);
        } catch (ContainerRuntimeException e) {
            waiting.put(container.name(), new ContainerState.Waiting("RunContainerError", e.getMessage()));
        }
    }

    /** Creates the container; a leftover of the same name (a create whose start never happened) is replaced. */
    private String createReplacing(ContainerSpec spec) {
        try {
            return runtime.create(spec);
        } catch (ContainerConflictException e) {
            remove(spec.name());
            return runtime.create(spec);
        }
    }

    /** Kubernetes' default: Always for {@code :latest} or no tag, else IfNotPresent. */
    static PullPolicy pullPolicy(Container container) {
        String policy = container.imagePullPolicy();
        if (policy == null) {
            return "latest".equals(ImageRef.parse(container.image()).tag()) ? PullPolicy.ALWAYS : PullPolicy.IF_NOT_PRESENT;
        }
        return switch (policy) {
            case Container.PULL_ALWAYS -> PullPolicy.ALWAYS;
            case Container.PULL_NEVER -> PullPolicy.NEVER;
            default -> PullPolicy.IF_NOT_PRESENT;
        };
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
