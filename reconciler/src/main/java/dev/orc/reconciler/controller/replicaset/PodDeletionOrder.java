package dev.orc.reconciler.controller.replicaset;

import dev.orc.api.cache.Cached;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Timestamps;
import dev.orc.reconciler.controller.Pods;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which pods a ReplicaSet deletes first when it has too many, as Kubernetes ranks them: unscheduled before
 * scheduled; Pending before Unknown before Running; not ready before ready; lower
 * {@code controller.kubernetes.io/pod-deletion-cost} first; pods sharing a node with more of their siblings
 * first; ready for less time before ready for longer; more container restarts first; younger before older.
 */
final class PodDeletionOrder {
    static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    private PodDeletionOrder() {
    }

    /** The pods, the first to delete first. */
    static List<Cached<Pod>> rank(List<Cached<Pod>> pods) {
        Map<String, Integer> perNode = new HashMap<>();
        for (Cached<Pod> pod : pods) {
            String node = pod.view().nodeName();
            if (node != null && !node.isEmpty()) {
                perNode.merge(node, 1, Integer::sum);
            }
        }
        Comparator<Pod> order = Comparator
                .comparing((Pod p) -> scheduled(p))
                .thenComparingInt(PodDeletionOrder::phaseOrdinal)
                .thenComparing(Pods::ready)
                .thenComparingInt(PodDeletionOrder::deletionCost)
                .thenComparing(Comparator.comparingInt((Pod p) -> scheduled(p) ? perNode.getOrDefault(p.nodeName(), 0) : 0).reversed())
                .thenComparing(PodDeletionOrder::compareReadyTime)
                .thenComparing(Comparator.comparingInt(Pods::maxRestarts).reversed())
                .thenComparing(PodDeletionOrder::compareCreation)
                .thenComparing(p -> p.metadata().name(), Comparator.nullsFirst(Comparator.naturalOrder()));
        return pods.stream().sorted(Comparator.comparing(Cached::view, order)).toList();
    }

    private static boolean scheduled(Pod pod) {
        return pod.nodeName() != null && !pod.nodeName().isEmpty();
    }

    private static int phaseOrdinal(Pod pod) {
        String phase = pod.phase();
        if (PodStatus.UNKNOWN.equals(phase)) {
            return 1;
        }
        return PodStatus.RUNNING.equals(phase) ? 2 : 0;
    }

    private static int deletionCost(Pod pod) {
        String cost = pod.metadata().annotations().get(DELETION_COST);
        if (cost == null) {
            return 0;
        }
        try {
            return Integer.parseInt(cost.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Between two ready pods, the one ready more recently (or with no time) comes first. */
    private static int compareReadyTime(Pod a, Pod b) {
        if (!Pods.ready(a) || !Pods.ready(b)) {
            return 0;
        }
        return newerFirst(Pods.readySince(a), Pods.readySince(b));
    }

    private static int compareCreation(Pod a, Pod b) {
        return newerFirst(Optional.ofNullable(a.metadata().creationTimestamp()).map(Timestamps::parse),
                Optional.ofNullable(b.metadata().creationTimestamp()).map(Timestamps::parse));
    }

    private static int newerFirst(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isPresent(), b.isPresent());
        }
        return b.get().compareTo(a.get());
    }
}
