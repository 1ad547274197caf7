package dev.orc.node.pod;

import dev.orc.node.config.ConfigSource;
import dev.orc.node.cluster.NodeApi;
import dev.orc.api.model.ContainerState;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodHostPorts;
import dev.orc.api.model.PodStatus;
import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.volume.PodVolumes;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings one pod's containers a step closer to its spec and reports its status. Level-triggered: each
 * {@link #sync} looks at the pod as it is now and the containers as they are now, whatever woke it.
 * Remembers only what it last wrote, so it writes a status or annotation only when it changed.
 */
public final class PodWorker {

    /** What a sync leaves to do: nothing more (the pod and its containers are gone), or look again. */
    public record Result(boolean finished, Optional<Instant> wakeAt) {
        static Result done() {
            return new Result(true, Optional.empty());
        }
    }

    /** The parts every worker of a node shares. */
    public record Context(NodeApi api, PodObserver observer, PodPlanner planner, PodExecutor executor,
                          PodStatusComputer statusComputer, ContainerHealth health, PodVolumes volumes, Clock clock,
                          String hostIP) {

        /** Wires the parts of a node named {@code nodeName} at {@code hostIP}. */
        public static Context create(ContainerRuntime runtime, NodeApi api, String nodeName, String hostIP, Clock clock,
                                     KeyedBackoff crashBackoff, KeyedBackoff pullBackoff, ConfigSource config,
                                     ContainerHealth health, PodVolumes volumes, PodNetworking networking,
                                     Runnable ensureInfraImage) {
            ContainerSpecs specs = new ContainerSpecs(nodeName, new PodEnv(config), networking);
            return new Context(api, new PodObserver(runtime, nodeName),
                    new PodPlanner(crashBackoff, pullBackoff, health),
                    new PodExecutor(runtime, api, specs, crashBackoff, pullBackoff, ensureInfraImage, hostIP,
                            volumes),
                    new PodStatusComputer(health), health, volumes, clock, hostIP);
        }
    }

    private final String uid;
    private final Context context;
    private volatile PodStatus lastWritten;
    private String lastHostPorts;

    public PodWorker(String uid, Context context) {
        this.uid = uid;
        this.context = context;
    }

    /** One reconcile; {@code pod} is the latest known object, or null when it no longer exists. */
    public Result sync(Pod pod) {
        ObservedPod observed = context.observer().observe(uid);
        if (pod == null) {
            context.health().forget(uid);
            if (observed.isEmpty()) {
                context.volumes().remove(uid);
                return Result.done();
            }
            Plan plan = context.planner().planOrphan(observed);
            context.executor().execute(null, uid, observed, plan.actions());
            return Result.done();
        }
        Pod known = withHostPortsWritten(pod);
        Plan plan = context.planner().plan(known, observed);
        Map<String, ContainerState.Waiting> failures = context.executor().execute(known, uid, observed, plan.actions());
        Map<String, ContainerState.Waiting> waiting = new HashMap<>(plan.waiting());
        waiting.putAll(failures);
        if (pod.metadata().deleting()) {
            context.health().forget(uid);
            return Result.done();
        }
        if (!plan.idle()) {
            observed = context.observer().reobserve(observed, plan.started(pod));
        }
        context.health().observe(pod, observed);
        if (observed.network().filter(ObservedContainer::running).isPresent()) {
            context.volumes().refresh(pod);
        }
        recordHostPorts(pod, observed);
        PodStatus status = context.statusComputer().compute(pod, observed, waiting, context.hostIP(),
                context.clock().instant());
        if (!status.equals(pod.status()) && !status.equals(lastWritten)) {
            writeStatus(pod, status);
        }
        if (plan.idle() || !failures.isEmpty()) {
            return new Result(false, plan.wakeAt());
        }
        return new Result(false, nextLook(known, observed));
    }

    /** Writes the status, known as written from before the write on, as the watch may bring it back before it returns. */
    private void writeStatus(Pod pod, PodStatus status) {
        PodStatus before = lastWritten;
        lastWritten = status;
        try {
            context.api().updatePodStatus(pod, status);
        } catch (RuntimeException e) {
            lastWritten = before;
            throw e;
        }
    }

    /** Whether {@code status} is the one this worker wrote last. */
    boolean wrote(PodStatus status) {
        return status != null && status.equals(lastWritten);
    }

    /**
     * After acting, when to look again: at once if the pod as now observed has a next step (or a new waiting reason
     * to report), else when the plan says; so that a pod just started costs no second sync.
     */
    private Optional<Instant> nextLook(Pod pod, ObservedPod observed) {
        Plan next = context.planner().plan(pod, observed);
        return next.idle() && next.waiting().isEmpty() ? next.wakeAt() : Optional.of(context.clock().instant());
    }

    /**
     * The pod with the host ports this worker last recorded (only it writes them), which the pod it is handed may not
     * carry yet: a container created meanwhile (a restart right after the start) then asks for the same ports
     * ({@link ContainerSpecs#ports}).
     */
    private Pod withHostPortsWritten(Pod pod) {
        if (lastHostPorts == null || lastHostPorts.equals(pod.metadata().annotations().get(PodHostPorts.ANNOTATION))) {
            return pod;
        }
        return pod.withMetadata(pod.metadata().withAnnotation(PodHostPorts.ANNOTATION, lastHostPorts));
    }

    /** Writes where the running container holding the pod's network publishes its ports, when that changed. */
    private void recordHostPorts(Pod pod, ObservedPod observed) {
        Optional<ObservedContainer> holder = observed.network().filter(ObservedContainer::running);
        if (holder.isEmpty()) {
            return;
        }
        List<PodHostPorts.Entry> entries = ContainerSpecs.hostPorts(pod, holder.get().info());
        if (entries.isEmpty()) {
            return;
        }
        String value = PodHostPorts.format(entries);
        if (!value.equals(pod.metadata().annotations().get(PodHostPorts.ANNOTATION)) && !value.equals(lastHostPorts)) {
            context.api().annotatePod(pod, PodHostPorts.ANNOTATION, value);
            lastHostPorts = value;
        }
    }
}
