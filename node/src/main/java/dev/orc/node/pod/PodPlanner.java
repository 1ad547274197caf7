package dev.orc.node.pod;

import dev.orc.api.model.Container;
import dev.orc.api.model.ContainerState;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.PodStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the next step for one pod from the pod as desired and its containers as observed:
 * infra container first (unless the pod's only container holds the network itself, see {@link NetworkHolder}),
 * init containers one after another to success, then the app containers, restarted per restartPolicy under
 * CrashLoopBackOff. Holds no state of its own besides the backoffs it reads; {@link PodExecutor} performs what it
 * returns.
 */
public final class PodPlanner {

    static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

    private final KeyedBackoff crashBackoff;
    private final KeyedBackoff pullBackoff;
    private final ContainerHealth health;

    public PodPlanner(KeyedBackoff crashBackoff, KeyedBackoff pullBackoff, ContainerHealth health) {
        this.crashBackoff = crashBackoff;
        this.pullBackoff = pullBackoff;
        this.health = health;
    }

    /** KeyedBackoff key of one container of one pod. */
    static String key(String uid, String container) {
        return uid + "/" + container;
    }

    /** The grace period a deletion grants: the deletion's own, else the pod's, else 30 s. */
    static Duration gracePeriod(Pod pod) {
        Long seconds = pod.metadata().deletionGracePeriodSeconds();
        if (seconds == null && pod.spec() != null) {
            seconds = pod.spec().terminationGracePeriodSeconds();
        }
        return seconds == null ? DEFAULT_GRACE : Duration.ofSeconds(Math.max(0, seconds));
    }

    /** Stop and remove what runs for a pod whose object is gone. */
    public Plan planOrphan(ObservedPod observed) {
        long grace = observed.containers().stream()
                .mapToLong(c -> PodLabels.gracePeriodSeconds(c.info().labels())).max().orElse(0);
        return new Plan(List.of(new PodAction.StopAll(Duration.ofSeconds(grace)), new PodAction.RemoveAll()),
                Map.of(), Optional.empty());
    }

    public Plan plan(Pod pod, ObservedPod observed) {
        if (pod.metadata().deleting()) {
            return new Plan(List.of(new PodAction.StopAll(gracePeriod(pod)), new PodAction.RemoveAll(),
                    new PodAction.DeletePod()), Map.of(), Optional.empty());
        }
        NetworkHolder holder = NetworkHolder.of(pod.spec(), observed);
        Step step = new Step(pod, holder);
        observed.stale().forEach(c -> step.actions.add(new PodAction.Remove(c)));
        if (pod.status() != null && pod.status().finished()) {
            if (!observed.running().isEmpty()) {
                step.actions.add(new PodAction.StopAll(gracePeriod(pod)));
            }
            return step.plan();
        }
        Optional<ObservedContainer> infra = observed.infra();
        if (holder == NetworkHolder.INFRA && (infra.isEmpty() || !infra.get().running())) {
            return planInfra(step, observed, infra);
        }
        if (initialize(step, observed)) {
            runApps(step, observed);
        }
        return step.plan();
    }

    /**
     * Starts the infra container; a pod with no containers yet also gets its first containers (the first init
     * container, else the app containers) in the same plan, so that a new pod starts in one sync.
     */
    private Plan planInfra(Step step, ObservedPod observed, Optional<ObservedContainer> infra) {
        if (infra.isPresent()) {
            if (!observed.running().isEmpty()) {
                step.actions.add(new PodAction.StopAll(gracePeriod(step.pod)));
            }
            step.actions.add(new PodAction.Remove(infra.get()));
        }
        Optional<Instant> blocked = crashBackoff.blockedUntil(key(step.uid(), PodLabels.INFRA_NAME));
        if (blocked.isPresent()) {
            step.wake(blocked.get());
            return step.plan();
        }
        step.actions.add(new PodAction.StartInfra(infra.map(c -> c.restartCount() + 1).orElse(0)));
        if (observed.isEmpty() && initialize(step, observed)) {
            runApps(step, observed);
        }
        return step.plan();
    }

    /** Runs the init containers in order; true once all of them have succeeded. */
    private boolean initialize(Step step, ObservedPod observed) {
        if (initializedBefore(step.pod, observed)) {
            return true;
        }
        for (Container init : step.pod.spec().initContainers()) {
            Optional<ObservedContainer> current = observed.current(init.name());
            if (current.isEmpty()) {
                start(step, init, ContainerRole.INIT, 0);
                return false;
            }
            ObservedContainer c = current.get();
            if (c.succeeded()) {
                continue;
            }
            if (c.startInterrupted()) {
                start(step, init, ContainerRole.INIT, c.restartCount());
            } else if (c.running()) {
                stopIfDead(step, c);
            } else if (!PodSpec.RESTART_NEVER.equals(restartPolicy(step.pod))) {
                restart(step, init, ContainerRole.INIT, c);
            }
            return false;
        }
        return true;
    }

    /** Init containers are not run again once an app container exists or the pod was reported initialized. */
    private static boolean initializedBefore(Pod pod, ObservedPod observed) {
        boolean appStarted = pod.spec().containers().stream().anyMatch(c -> observed.current(c.name()).isPresent());
        boolean reported = pod.status() != null && pod.status().condition(PodStatus.INITIALIZED)
                .map(c -> c.statusTrue()).orElse(false);
        return appStarted || reported;
    }

    private void runApps(Step step, ObservedPod observed) {
        for (Container container : step.pod.spec().containers()) {
            Optional<ObservedContainer> current = observed.current(container.name());
            if (current.isEmpty()) {
                start(step, container, ContainerRole.APP, 0);
            } else if (current.get().startInterrupted()) {
                start(step, container, ContainerRole.APP, current.get().restartCount());
            } else if (current.get().running()) {
                stopIfDead(step, current.get());
            } else if (shouldRestart(restartPolicy(step.pod), current.get())) {
                restart(step, container, ContainerRole.APP, current.get());
            }
        }
    }

    private void stopIfDead(Step step, ObservedContainer c) {
        if (!health.alive(step.uid(), c)) {
            step.actions.add(new PodAction.Stop(c, health.killGrace(step.uid(), c).orElse(gracePeriod(step.pod))));
        }
    }

    static String restartPolicy(Pod pod) {
        String policy = pod.spec().restartPolicy();
        return policy == null ? PodSpec.RESTART_ALWAYS : policy;
    }

    /** Always restarts every exit; OnFailure only a non-zero exit; Never none. */
    static boolean shouldRestart(String restartPolicy, ObservedContainer exited) {
        return switch (restartPolicy) {
            case PodSpec.RESTART_NEVER -> false;
            case PodSpec.RESTART_ON_FAILURE -> !exited.succeeded();
            default -> true;
        };
    }

    private void restart(Step step, Container container, ContainerRole role, ObservedContainer exited) {
        String key = key(step.uid(), container.name());
        Optional<Instant> blocked = crashBackoff.blockedUntil(key);
        if (blocked.isPresent()) {
            step.waiting.put(container.name(), new ContainerState.Waiting("CrashLoopBackOff",
                    "back-off " + seconds(crashBackoff.currentDelay(key)) + " restarting failed container="
                            + container.name() + " pod=" + step.pod.metadata().name() + "_"
                            + step.pod.metadata().namespace() + "(" + step.uid() + ")"));
            step.wake(blocked.get());
            return;
        }
        start(step, container, role, exited.restartCount() + 1);
    }

    private void start(Step step, Container container, ContainerRole role, int restartCount) {
        Optional<Instant> blocked = pullBackoff.blockedUntil(key(step.uid(), container.name()));
        if (blocked.isPresent()) {
            step.waiting.put(container.name(), new ContainerState.Waiting("ImagePullBackOff",
                    "Back-off pulling image \"" + container.image() + "\""));
            step.wake(blocked.get());
            return;
        }
        step.actions.add(step.holder == NetworkHolder.CONTAINER ? new PodAction.StartAlone(container, restartCount)
                : new PodAction.StartContainer(container, role, restartCount));
    }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        return s >= 60 && s % 60 == 0 ? (s / 60) + "m0s" : s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
    }

    /** The plan under construction. */
    private static final class Step {
        final Pod pod;
        final NetworkHolder holder;
        final List<PodAction> actions = new ArrayList<>();
        final Map<String, ContainerState.Waiting> waiting = new HashMap<>();
        Instant wakeAt;

        Step(Pod pod, NetworkHolder holder) {
            this.pod = pod;
            this.holder = holder;
        }

        String uid() {
            return pod.metadata().uid();
        }

        void wake(Instant at) {
            if (wakeAt == null || at.isBefore(wakeAt)) {
                wakeAt = at;
            }
        }

        Plan plan() {
            return new Plan(actions, waiting, Optional.ofNullable(wakeAt));
        }
    }
}
