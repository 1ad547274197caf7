package dev.orc.node.pod;

import dev.orc.api.model.Condition;
import dev.orc.api.model.Container;
import dev.orc.api.model.ContainerState;
import dev.orc.api.model.ContainerStatus;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Timestamps;
import dev.orc.node.runtime.ContainerInfo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes a pod's status from its observed containers the way the kubelet does: container states
 * with lastState and restartCount, the phase, and the Initialized, ContainersReady and Ready conditions.
 * Pure: the same inputs give an equal status, so the worker writes only when something changed.
 */
public final class PodStatusComputer {

    private final ContainerHealth health;

    public PodStatusComputer(ContainerHealth health) {
        this.health = health;
    }

    public PodStatus compute(Pod pod, ObservedPod observed, Map<String, ContainerState.Waiting> waiting,
                             String hostIP, Instant now) {
        PodStatus old = pod.status() == null ? PodStatus.phase(PodStatus.PENDING) : pod.status();
        String uid = pod.metadata().uid();
        PodSpec spec = pod.spec();
        boolean initialized = spec.initContainers().stream()
                .allMatch(c -> observed.current(c.name()).map(ObservedContainer::succeeded).orElse(false))
                || old.condition(PodStatus.INITIALIZED).map(Condition::statusTrue).orElse(false)
                || spec.containers().stream().anyMatch(c -> observed.current(c.name()).isPresent());
        List<ContainerStatus> inits = spec.initContainers().stream()
                .map(c -> initStatus(uid, c, observed, waiting)).toList();
        String notReadyReason = initialized ? "ContainerCreating" : "PodInitializing";
        List<ContainerStatus> apps = spec.containers().stream()
                .map(c -> appStatus(uid, c, observed, waiting, notReadyReason)).toList();

        String phase = old.finished() ? old.phase() : phase(spec, inits, apps, initialized);
        String time = Timestamps.format(now);
        List<String> incompleteInits = inits.stream().filter(s -> !s.readyNow()).map(ContainerStatus::name).toList();
        List<String> unready = apps.stream().filter(s -> !s.readyNow()).map(ContainerStatus::name).toList();
        boolean completed = PodStatus.SUCCEEDED.equals(phase);
        boolean ready = unready.isEmpty() && !PodStatus.FAILED.equals(phase) && !completed;

        String podIP = observed.network().map(ObservedContainer::info).map(ContainerInfo::ipAddress)
                .filter(ip -> !ip.isEmpty()).orElse(old.podIP());
        String startTime = old.startTime() != null ? old.startTime() : time;
        PodStatus status = old
                .withPhase(phase, null, null)
                .withAddresses(hostIP, podIP)
                .withStartTime(startTime)
                .withContainerStatuses(inits, apps)
                .withCondition(old.condition(PodStatus.POD_SCHEDULED)
                        .orElse(Condition.of(PodStatus.POD_SCHEDULED, Condition.TRUE, null, null, time)))
                .withCondition(initialized || incompleteInits.isEmpty()
                        ? condition(PodStatus.INITIALIZED, true, null, null, time)
                        : condition(PodStatus.INITIALIZED, false, "ContainersNotInitialized",
                        "containers with incomplete status: " + names(incompleteInits), time));
        Condition containersReady = ready
                ? condition(PodStatus.CONTAINERS_READY, true, null, null, time)
                : completed ? condition(PodStatus.CONTAINERS_READY, false, "PodCompleted", null, time)
                : condition(PodStatus.CONTAINERS_READY, false, "ContainersNotReady",
                "containers with unready status: " + names(unready), time);
        return status.withCondition(containersReady)
                .withCondition(new Condition(PodStatus.READY, containersReady.status(), null, null, null, null,
                        time, containersReady.reason(), containersReady.message()));
    }

    private static Condition condition(String type, boolean status, String reason, String message, String time) {
        return Condition.of(type, status ? Condition.TRUE : Condition.FALSE, reason, message, time);
    }

    private static String names(List<String> names) {
        return "[" + String.join(" ", names) + "]";
    }

    private ContainerStatus initStatus(String uid, Container c, ObservedPod observed,
                                       Map<String, ContainerState.Waiting> waiting) {
        ContainerStatus status = appStatus(uid, c, observed, waiting, "PodInitializing");
        boolean done = observed.current(c.name()).map(ObservedContainer::succeeded).orElse(false);
        return new ContainerStatus(status.name(), status.state(), status.lastState(), done, status.restartCount(),
                status.image(), status.imageID(), status.containerID(), status.started());
    }

    private ContainerStatus appStatus(String uid, Container c, ObservedPod observed,
                                      Map<String, ContainerState.Waiting> waiting, String notCreatedReason) {
        Optional<ObservedContainer> current = observed.current(c.name());
        ContainerState.Waiting why = waiting.get(c.name());
        if (current.isEmpty()) {
            ContainerState.Waiting w = why != null ? why : new ContainerState.Waiting(notCreatedReason, null);
            return new ContainerStatus(c.name(), new ContainerState(w, null, null), new ContainerState(null, null, null),
                    false, 0, c.image(), "", null, false);
        }
        ObservedContainer cur = current.get();
        ContainerState lastState = observed.previous(c.name()).map(PodStatusComputer::terminated)
                .orElse(new ContainerState(null, null, null));
        ContainerState state;
        if (cur.running()) {
            state = ContainerState.running(cur.info().startedAt().map(Timestamps::format).orElse(null));
        } else if (cur.startInterrupted()) {
            state = new ContainerState(why != null ? why : new ContainerState.Waiting("ContainerCreating", null), null, null);
        } else if (why != null) {
            state = new ContainerState(why, null, null);
            lastState = terminated(cur);
        } else {
            state = terminated(cur);
        }
        return new ContainerStatus(c.name(), state, lastState, cur.running() && health.ready(uid, cur),
                cur.restartCount(), c.image(), imageId(cur.info()), "docker://" + cur.id(),
                cur.running() && health.started(uid, cur));
    }

    private static String imageId(ContainerInfo info) {
        return info.imageId().isEmpty() ? "" : "docker://" + info.imageId();
    }

    static ContainerState terminated(ObservedContainer c) {
        ContainerInfo info = c.info();
        if (!c.exited() && !info.error().isEmpty()) {
            return ContainerState.terminated(new ContainerState.Terminated(info.exitCode(), null,
                    "ContainerCannotRun", info.error(), null, null, "docker://" + c.id()));
        }
        String reason = info.oomKilled() ? "OOMKilled" : info.exitCode() == 0 ? "Completed" : "Error";
        return ContainerState.terminated(new ContainerState.Terminated(info.exitCode(), null, reason,
                null, info.startedAt().map(Timestamps::format).orElse(null),
                info.finishedAt().map(Timestamps::format).orElse(null), "docker://" + c.id()));
    }

    /** The kubelet's phase rules; waiting after a termination counts as stopped. */
    static String phase(PodSpec spec, List<ContainerStatus> inits, List<ContainerStatus> apps, boolean initialized) {
        String policy = spec.restartPolicy() == null ? PodSpec.RESTART_ALWAYS : spec.restartPolicy();
        if (!initialized) {
            boolean failed = inits.stream().anyMatch(s -> s.state().terminated() != null
                    && s.state().terminated().exitCode() != null && s.state().terminated().exitCode() != 0);
            return failed && PodSpec.RESTART_NEVER.equals(policy) ? PodStatus.FAILED : PodStatus.PENDING;
        }
        int running = 0;
        int waiting = 0;
        int stopped = 0;
        int succeeded = 0;
        for (ContainerStatus s : apps) {
            if (s.state().running() != null) {
                running++;
            } else if (s.state().terminated() != null) {
                stopped++;
                Integer exit = s.state().terminated().exitCode();
                if (exit != null && exit == 0) {
                    succeeded++;
                }
            } else if (s.lastState().terminated() != null) {
                stopped++;
            } else {
                waiting++;
            }
        }
        if (waiting > 0) {
            return PodStatus.PENDING;
        }
        if (running > 0) {
            return PodStatus.RUNNING;
        }
        if (stopped > 0) {
            if (PodSpec.RESTART_ALWAYS.equals(policy)) {
                return PodStatus.RUNNING;
            }
            if (stopped == succeeded) {
                return PodStatus.SUCCEEDED;
            }
            return PodSpec.RESTART_NEVER.equals(policy) ? PodStatus.FAILED : PodStatus.RUNNING;
        }
        return PodStatus.PENDING;
    }
}
