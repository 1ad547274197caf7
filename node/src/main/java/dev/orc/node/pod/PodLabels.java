package dev.orc.node.pod;

import dev.orc.api.model.Pod;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The labels that tie a Docker container back to its pod, so that a restarted agent can adopt what
 * runs and remove what no pod owns any more. Every container the agent creates carries all of them.
 */
public final class PodLabels {
    public static final String NODE = "orc.dev/node";
    public static final String POD_UID = "orc.dev/pod-uid";
    public static final String POD_NAMESPACE = "orc.dev/pod-namespace";
    public static final String POD_NAME = "orc.dev/pod-name";
    public static final String CONTAINER_NAME = "orc.dev/container-name";
    public static final String ROLE = "orc.dev/container-role";
    public static final String RESTART_COUNT = "orc.dev/restart-count";
    /** Seconds the pod grants its containers to stop; used when the pod object is already gone. */
    public static final String GRACE_PERIOD = "orc.dev/termination-grace-period";

    /** The infra container's name within its pod, as Kubernetes calls the sandbox. */
    public static final String INFRA_NAME = "POD";

    private PodLabels() {
    }

    /** Filter for every container this node's agent created. */
    public static Map<String, String> ofNode(String node) {
        return Map.of(NODE, node);
    }

    /** Filter for every container of one pod on this node. */
    public static Map<String, String> ofPod(String node, String uid) {
        return Map.of(NODE, node, POD_UID, uid);
    }

    public static Map<String, String> forContainer(String node, Pod pod, String containerName, ContainerRole role,
                                                   int restartCount, long gracePeriodSeconds) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NODE, node);
        labels.put(POD_UID, pod.metadata().uid());
        labels.put(POD_NAMESPACE, pod.metadata().namespace());
        labels.put(POD_NAME, pod.metadata().name());
        labels.put(CONTAINER_NAME, containerName);
        labels.put(ROLE, role.label());
        labels.put(RESTART_COUNT, Integer.toString(restartCount));
        labels.put(GRACE_PERIOD, Long.toString(gracePeriodSeconds));
        return labels;
    }

    /**
     * The Docker name of one attempt of a container, unique per node:
     * {@code orc_<container>_<pod>_<namespace>_<uid prefix>_<attempt>}, in the manner of the kubelet's {@code k8s_...}.
     */
    public static String containerName(Pod pod, String containerName, int restartCount) {
        String uid = pod.metadata().uid();
        return "orc_" + containerName + "_" + pod.metadata().name() + "_" + pod.metadata().namespace() + "_"
                + uid.substring(0, Math.min(8, uid.length())) + "_" + restartCount;
    }

    static int restartCount(Map<String, String> labels) {
        return Optional.ofNullable(labels.get(RESTART_COUNT)).map(PodLabels::parseOrZero).orElse(0);
    }

    static long gracePeriodSeconds(Map<String, String> labels) {
        return Optional.ofNullable(labels.get(GRACE_PERIOD)).map(PodLabels::parseOrZero).orElse(0);
    }

    private static int parseOrZero(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
