package dev.orc.reconciler.controller.daemonset;

import dev.orc.api.model.Node;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.Taint;
import dev.orc.api.model.Toleration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a DaemonSet's pod belongs on a node, as Kubernetes decides it: the node name, nodeSelector and required
 * node affinity must match, and every NoSchedule and NoExecute taint must be tolerated. A pod already on a node
 * whose only untolerated taints are NoSchedule keeps running there; an untolerated NoExecute taint removes it.
 * Readiness and cordoning do not matter: daemon pods tolerate them.
 */
public final class DaemonPlacement {
    /** What Kubernetes adds to every DaemonSet pod, so node trouble and cordons never remove or block it. */
    public static final List<Toleration> DEFAULT_TOLERATIONS = List.of(
            Toleration.exists("node.kubernetes.io/not-ready", Taint.NO_EXECUTE),
            Toleration.exists("node.kubernetes.io/unreachable", Taint.NO_EXECUTE),
            Toleration.exists("node.kubernetes.io/disk-pressure", Taint.NO_SCHEDULE),
            Toleration.exists("node.kubernetes.io/memory-pressure", Taint.NO_SCHEDULE),
            Toleration.exists("node.kubernetes.io/pid-pressure", Taint.NO_SCHEDULE),
            Toleration.exists("node.kubernetes.io/unschedulable", Taint.NO_SCHEDULE));
    static final Toleration NETWORK_UNAVAILABLE = Toleration.exists("node.kubernetes.io/network-unavailable",
            Taint.NO_SCHEDULE);

    /** Whether a new pod should start on the node, and whether one already there may stay. */
    public record Fit(boolean shouldRun, boolean shouldContinueRunning) {
    }

    private DaemonPlacement() {
    }

    /** The template's tolerations plus the defaults it does not already have. */
    public static List<Toleration> tolerations(PodSpec spec) {
        List<Toleration> all = new ArrayList<>(spec.tolerations());
        List<Toleration> defaults = new ArrayList<>(DEFAULT_TOLERATIONS);
        if (Boolean.TRUE.equals(spec.hostNetwork())) {
            defaults.add(NETWORK_UNAVAILABLE);
        }
        for (Toleration wanted : defaults) {
            boolean present = all.stream().anyMatch(t -> wanted.key().equals(t.key()) && wanted.effect().equals(t.effect()));
            if (!present) {
                all.add(wanted);
            }
        }
        return List.copyOf(all);
    }

    public static Fit fit(PodSpec spec, Node node) {
        ObjectMeta meta = node.metadata();
        Map<String, String> labels = meta.labels();
        boolean nameFits = spec.nodeName() == null || spec.nodeName().equals(meta.name());
        boolean selectorFits = spec.nodeSelector().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        boolean affinityFits = spec.requiredNodeAffinity().map(s -> s.matches(node)).orElse(true);
        if (!nameFits || !selectorFits || !affinityFits) {
            return new Fit(false, false);
        }
        List<Toleration> tolerations = tolerations(spec);
        List<Taint> taints = node.spec() == null ? List.of() : node.spec().taints();
        boolean noExecuteTolerated = taints.stream()
                .filter(t -> Taint.NO_EXECUTE.equals(t.effect()))
                .allMatch(t -> tolerated(t, tolerations));
        boolean noScheduleTolerated = taints.stream()
                .filter(t -> Taint.NO_SCHEDULE.equals(t.effect()))
                .allMatch(t -> tolerated(t, tolerations));
        return new Fit(noExecuteTolerated && noScheduleTolerated, noExecuteTolerated);
    }

    private static boolean tolerated(Taint taint, List<Toleration> tolerations) {
        return tolerations.stream().anyMatch(t -> t.tolerates(taint));
    }
}
