package dev.orc.api.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** What a pod runs and where it may run. */
public record PodSpec(
        @OmitEmpty List<Container> initContainers,
        @OmitEmpty List<Container> containers,
        @OmitEmpty List<Volume> volumes,
        String restartPolicy,
        Long terminationGracePeriodSeconds,
        Long activeDeadlineSeconds,
        String dnsPolicy,
        @OmitEmpty Map<String, String> nodeSelector,
        String serviceAccountName,
        String nodeName,
        Boolean hostNetwork,
        String hostname,
        String subdomain,
        Affinity affinity,
        @OmitEmpty List<Toleration> tolerations,
        @OmitEmpty List<LocalObjectReference> imagePullSecrets,
        String schedulerName,
        String priorityClassName,
        PodSecurityContext securityContext, Boolean automountServiceAccountToken) {
    public static final String RESTART_ALWAYS = "Always";
    public static final String RESTART_ON_FAILURE = "OnFailure";
    public static final String RESTART_NEVER = "Never";

    public PodSpec {
        initContainers = Immutable.list(initContainers);
        containers = Immutable.list(containers);
        volumes = Immutable.list(volumes);
        nodeSelector = Immutable.map(nodeSelector);
        tolerations = Immutable.list(tolerations);
        imagePullSecrets = Immutable.list(imagePullSecrets);
    }

    public static PodSpec of(Container... containers) {
        return new PodSpec(null, List.of(containers), null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    /** The pod's security settings, never null. */
    public PodSecurityContext securityContextOrEmpty() {
        return securityContext == null ? PodSecurityContext.NONE : securityContext;
    }

    public PodSpec withSecurityContext(PodSecurityContext securityContext) {
        return new PodSpec(initContainers, containers, volumes, restartPolicy, terminationGracePeriodSeconds,
                activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, hostname,
                subdomain, affinity, tolerations, imagePullSecrets, schedulerName, priorityClassName, securityContext,
                automountServiceAccountToken);
    }

    /** Init containers first, then the app containers. */
    public Stream<Container> allContainers() {
        return Stream.concat(initContainers.stream(), containers.stream());
    }

    public Optional<Container> container(String name) {
        return allContainers().filter(c -> name.equals(c.name())).findFirst();
    }

    /** Required node affinity, if any. */
    public Optional<NodeSelector> requiredNodeAffinity() {
        return Optional.ofNullable(affinity).map(Affinity::nodeAffinity).map(NodeAffinity::required);
    }

    /** Preferred node affinity terms, possibly none. */
    public List<PreferredSchedulingTerm> preferredNodeAffinity() {
        return Optional.ofNullable(affinity).map(Affinity::nodeAffinity).map(NodeAffinity::preferred).orElse(List.of());
    }

    public PodSpec withNodeName(String nodeName) {
        return new PodSpec(initContainers, containers, volumes, restartPolicy, terminationGracePeriodSeconds,
                activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, hostname,
                subdomain, affinity, tolerations, imagePullSecrets, schedulerName, priorityClassName,
                securityContext, automountServiceAccountToken);
    }

    public PodSpec withContainers(List<Container> containers) {
        return new PodSpec(initContainers, containers, volumes, restartPolicy, terminationGracePeriodSeconds,
                activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, hostname,
                subdomain, affinity, tolerations, imagePullSecrets, schedulerName, priorityClassName,
                securityContext, automountServiceAccountToken);
    }

    public PodSpec withInitContainers(List<Container> initContainers) {
        return new PodSpec(initContainers, containers, volumes, restartPolicy, terminationGracePeriodSeconds,
                activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, hostname,
                subdomain, affinity, tolerations, imagePullSecrets, schedulerName, priorityClassName,
                securityContext, automountServiceAccountToken);
    }

    public PodSpec withVolumes(List<Volume> volumes) {
        return new PodSpec(initContainers, containers, volumes, restartPolicy, terminationGracePeriodSeconds,
                activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, hostname,
                subdomain, affinity, tolerations, imagePullSecrets, schedulerName, priorityClassName,
                securityContext, automountServiceAccountToken);
    }

    public PodSpec withRestartPolicy(String restartPolicy) {
        return new PodSpec(initContainers, containers, volumes, restartPolicy, terminationGracePeriodSeconds,
                activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, hostname,
                subdomain, affinity, tolerations, imagePullSecrets, schedulerName, priorityClassName,
                securityContext, automountServiceAccountToken);
    }

    public PodSpec withNodeSelector(Map<String, String> nodeSelector) {
        return new PodSpec(initContainers, containers, volumes, restartPolicy, terminationGracePeriodSeconds,
                activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, hostname,
                subdomain, affinity, tolerations, imagePullSecrets, schedulerName, priorityClassName,
                securityContext, automountServiceAccountToken);
    }

    public PodSpec withAffinity(Affinity affinity) {
        return new PodSpec(initContainers, containers, volumes, restartPolicy, terminationGracePeriodSeconds,
                activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, hostname,
                subdomain, affinity, tolerations, imagePullSecrets, schedulerName, priorityClassName,
                securityContext, automountServiceAccountToken);
    }

    public PodSpec withTolerations(List<Toleration> tolerations) {
        return new PodSpec(initContainers, containers, volumes, restartPolicy, terminationGracePeriodSeconds,
                activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, hostname,
                subdomain, affinity, tolerations, imagePullSecrets, schedulerName, priorityClassName,
                securityContext, automountServiceAccountToken);
    }
}
