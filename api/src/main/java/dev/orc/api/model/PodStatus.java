package dev.orc.api.model;

import java.util.List;
import java.util.Optional;

/** A pod's observed state, written by the scheduler and the node agent. */
public record PodStatus(
        String phase,
        @OmitEmpty List<Condition> conditions,
        String message,
        String reason,
        String hostIP,
        @OmitEmpty List<PodIP> hostIPs,
        String podIP,
        @OmitEmpty List<PodIP> podIPs,
        String startTime,
        @OmitEmpty List<ContainerStatus> initContainerStatuses,
        @OmitEmpty List<ContainerStatus> containerStatuses,
        String qosClass) {
    public static final String PENDING = "Pending";
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    public static final String UNKNOWN = "Unknown";
    public static final String READY = "Ready";
    public static final String POD_SCHEDULED = "PodScheduled";
    public static final String CONTAINERS_READY = "ContainersReady";
    public static final String INITIALIZED = "Initialized";

    public PodStatus {
        conditions = Immutable.list(conditions);
        hostIPs = Immutable.list(hostIPs);
        podIPs = Immutable.list(podIPs);
        initContainerStatuses = Immutable.list(initContainerStatuses);
        containerStatuses = Immutable.list(containerStatuses);
    }

    public static PodStatus phase(String phase) {
        return new PodStatus(phase, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** One address of the pod or its host. */
    public record PodIP(String ip) {
    }

    public Optional<Condition> condition(String type) {
        return conditions.stream().filter(c -> type.equals(c.type())).findFirst();
    }

    /** True when the pod's {@code Ready} condition is {@code True}. */
    public boolean ready() {
        return condition(READY).map(Condition::statusTrue).orElse(false);
    }

    /** Succeeded or Failed: the pod will not run again. */
    public boolean finished() {
        return SUCCEEDED.equals(phase) || FAILED.equals(phase);
    }

    /** This status with the condition of the same type replaced, or added at the end. */
    public PodStatus withCondition(Condition condition) {
        return new PodStatus(phase, Conditions.put(conditions, condition), message, reason, hostIP, hostIPs, podIP,
                podIPs, startTime, initContainerStatuses, containerStatuses, qosClass);
    }

    public PodStatus withPhase(String phase, String reason, String message) {
        return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime,
                initContainerStatuses, containerStatuses, qosClass);
    }

    public PodStatus withAddresses(String hostIP, String podIP) {
        return new PodStatus(phase, conditions, message, reason, hostIP,
                hostIP == null ? null : List.of(new PodIP(hostIP)), podIP,
                podIP == null ? null : List.of(new PodIP(podIP)), startTime, initContainerStatuses,
                containerStatuses, qosClass);
    }

    public PodStatus withStartTime(String startTime) {
        return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime,
                initContainerStatuses, containerStatuses, qosClass);
    }

    public PodStatus withContainerStatuses(List<ContainerStatus> initContainerStatuses,
                                           List<ContainerStatus> containerStatuses) {
        return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime,
                initContainerStatuses, containerStatuses, qosClass);
    }
}
