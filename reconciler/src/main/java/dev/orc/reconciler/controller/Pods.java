package dev.orc.reconciler.controller;

import dev.orc.api.model.Condition;
import dev.orc.api.model.ContainerStatus;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Pod states as the workload controllers count them (Kubernetes' podutil). */
public final class Pods {
    private Pods() {
    }

    /** Neither finished (Succeeded, Failed) nor being deleted: it counts toward a controller's replicas. */
    public static boolean active(Pod pod) {
        String phase = pod.phase();
        boolean finished = PodStatus.SUCCEEDED.equals(phase) || PodStatus.FAILED.equals(phase);
        return !finished && (pod.metadata() == null || !pod.metadata().deleting());
    }

    public static boolean ready(Pod pod) {
        return pod.status() != null && pod.status().ready();
    }

    /** When the pod last became ready, if it is ready and says so. */
    public static Optional<Instant> readySince(Pod pod) {
        if (!ready(pod)) {
            return Optional.empty();
        }
        return pod.status().condition(PodStatus.READY).map(Condition::lastTransitionTime).map(Timestamps::parse);
    }

    /** Ready for at least {@code minReadySeconds} (by its Ready condition's lastTransitionTime) at {@code now}. */
    public static boolean available(Pod pod, int minReadySeconds, Instant now) {
        if (!ready(pod)) {
            return false;
        }
        if (minReadySeconds <= 0) {
            return true;
        }
        return readySince(pod).map(since -> since.plus(Duration.ofSeconds(minReadySeconds)).isBefore(now)).orElse(false);
    }

    /** The highest restart count of the pod's containers. */
    public static int maxRestarts(Pod pod) {
        if (pod.status() == null) {
            return 0;
        }
        return pod.status().containerStatuses().stream()
                .map(ContainerStatus::restartCount).filter(c -> c != null).mapToInt(Integer::intValue).max().orElse(0);
    }
}
