package dev.orc.reconciler.controller.nodelifecycle;

import dev.orc.api.model.Pod;
import dev.orc.api.model.Taint;
import dev.orc.api.model.Timestamps;
import dev.orc.api.model.Toleration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a pod must leave a node because of the node's NoExecute taints, as Kubernetes' taint manager decides it: a
 * taint the pod does not tolerate evicts it at once; tolerated taints evict it after the shortest
 * {@code tolerationSeconds} among the tolerations used, counted from when the taint was added; a toleration without
 * {@code tolerationSeconds} lets it stay for ever. A pod with no toleration of its own for the not-ready and
 * unreachable taints is treated as tolerating them for the configured default, as Kubernetes' admission gives every
 * pod one (for 300 s there).
 */
public final class TaintEvictions {
    private TaintEvictions() {
    }

    /** When the pod must go; empty when it may stay for ever. */
    public static Optional<Instant> evictAt(Pod pod, List<Taint> taints, Duration defaultToleration) {
        List<Toleration> own = pod.spec() == null ? List.of() : pod.spec().tolerations();
        Instant earliest = null;
        for (Taint taint : taints) {
            if (!Taint.NO_EXECUTE.equals(taint.effect())) {
                continue;
            }
            List<Toleration> used = new ArrayList<>(own.stream().filter(t -> t.tolerates(taint)).toList());
            if (used.isEmpty() && NodeTaints.isNodeHealthTaint(taint)) {
                used.add(new Toleration(taint.key(), Toleration.EXISTS, null, Taint.NO_EXECUTE,
                        defaultToleration.toSeconds()));
            }
            Instant added = Optional.ofNullable(taint.timeAdded()).map(Timestamps::parse).orElse(Instant.EPOCH);
            Optional<Instant> at = used.isEmpty() ? Optional.of(added) : tolerationEnd(used).map(added::plus);
            if (at.isPresent() && (earliest == null || at.get().isBefore(earliest))) {
                earliest = at.get();
            }
        }
        return Optional.ofNullable(earliest);
    }

    /** The shortest toleration among those used; empty (for ever) when none of them has tolerationSeconds. */
    private static Optional<Duration> tolerationEnd(List<Toleration> used) {
        return used.stream().map(Toleration::tolerationSeconds).filter(s -> s != null)
                .map(s -> Duration.ofSeconds(Math.max(0, s))).min(Duration::compareTo);
    }
}
