package dev.orc.reconciler.scheduler.framework;

import dev.orc.api.model.ClaimLabels;
import dev.orc.api.model.Volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Keeps a pod that mounts a persistentVolumeClaim on the node that holds the claim's data: a node agent labels
 * its Node {@code orc.dev/pvc-<ns>.<claim>=true} when it first creates a claim's directory, and from then on only
 * such nodes fit the claim's pods. A claim no node holds yet may go anywhere.
 */
public final class VolumeClaimLocality {
    public static final String NAME = "VolumeClaimLocality";
    public static final String REASON = "node(s) did not hold the pod's persistent volume claim";

    private VolumeClaimLocality() {
    }

    /**
     * Which of {@code nodes} may run the pod as far as its claims go: those holding all its held claims. Answered per
     * node in constant time, since the scheduler asks it for every node of every decision.
     */
    public static Predicate<NodeInfo> candidates(PodInfo pod, List<NodeInfo> nodes) {
        List<String> keys = claimKeys(pod);
        if (keys.isEmpty()) {
            return node -> true;
        }
        List<String> held = keys.stream().filter(key -> nodes.stream().anyMatch(n -> holds(n, key))).toList();
        if (held.isEmpty()) {
            return node -> true;
        }
        return node -> held.stream().allMatch(key -> holds(node, key));
    }

    private static List<String> claimKeys(PodInfo pod) {
        List<String> keys = new ArrayList<>();
        for (Volume volume : pod.spec().volumes()) {
            if (volume.persistentVolumeClaim() != null && volume.persistentVolumeClaim().claimName() != null) {
                keys.add(ClaimLabels.key(pod.pod().metadata().namespace(), volume.persistentVolumeClaim().claimName()));
            }
        }
        return keys;
    }

    private static boolean holds(NodeInfo node, String key) {
        Map<String, String> labels = node.node().metadata().labels();
        return labels != null && "true".equals(labels.get(key));
    }
}
