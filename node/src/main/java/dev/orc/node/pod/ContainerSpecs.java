package dev.orc.node.pod;

import dev.orc.api.model.Container;
import dev.orc.api.model.ContainerPort;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodHostPorts;
import dev.orc.api.model.Quantity;
import dev.orc.api.model.ResourceRequirements;
import dev.orc.node.runtime.ContainerInfo;
import dev.orc.node.runtime.ContainerSpec;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.NetworkMode;
import dev.orc.node.runtime.PortMapping;
import dev.orc.node.runtime.Resources;
import dev.orc.node.volume.PreparedVolume;
import dev.orc.node.volume.VolumeMounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a pod and one of its containers into what the runtime creates. Limits are enforced by the
 * runtime: the cpu limit as a CPU quota (NanoCpus), the memory limit (no swap on top), and a process
 * limit of {@link #PIDS_LIMIT} per container, a fork bomb stopper Kubernetes sets per pod with
 * {@code --pod-max-pids}.
 */
public final class ContainerSpecs {

    public static final long PIDS_LIMIT = 4096;
    /** Kubernetes' limit on a pod's hostname: the pod name is cut to this length. */
    static final int HOSTNAME_MAX = 63;

    private final String nodeName;
    private final PodEnv env;
    private final PodNetworking networking;

    public ContainerSpecs(String nodeName, PodEnv env, PodNetworking networking) {
        this.nodeName = nodeName;
        this.env = env;
        this.networking = networking;
    }

    /**
     * The infra container: holds the network namespace, publishes every port of every container, and carries the
     * pod's DNS settings and hostname (Docker refuses them on a container that joins another's network namespace;
     * those share the infra container's resolv.conf and hostname).
     */
    public ContainerSpec infra(Pod pod, int attempt) {
        return podNetwork(pod, ContainerSpec.builder(PodLabels.containerName(pod, PodLabels.INFRA_NAME, attempt),
                        ImageBuilder.PAUSE_IMAGE)
                .labels(PodLabels.forContainer(nodeName, pod, PodLabels.INFRA_NAME, ContainerRole.INFRA, attempt,
                        PodPlanner.gracePeriod(pod).toSeconds()))).build();
    }

    /**
     * An app or init container joining the network namespace of the infra container {@code infraId}; {@code podIP}
     * is only read when the environment asks for {@code status.podIP} ({@link PodEnv#usesPodIP}).
     */
    public ContainerSpec container(Pod pod, Container container, ContainerRole role, int restartCount,
                                   String infraId, String podIP, String hostIP, Map<String, PreparedVolume> volumes) {
        return workload(pod, container, role, restartCount, podIP, hostIP, volumes)
                .networkMode(NetworkMode.container(infraId))
                .build();
    }

    /**
     * The pod's only container holding the pod's network itself ({@link NetworkHolder#CONTAINER}): on the bridge,
     * with what {@link #infra} would otherwise carry. Its environment takes no pod IP ({@link NetworkHolder#of}).
     */
    public ContainerSpec alone(Pod pod, Container container, int restartCount, String hostIP,
                               Map<String, PreparedVolume> volumes) {
        return podNetwork(pod, workload(pod, container, ContainerRole.APP, restartCount, "", hostIP, volumes)
                .networkMode(NetworkMode.bridge())).build();
    }

    private ContainerSpec.Builder workload(Pod pod, Container container, ContainerRole role, int restartCount,
                                           String podIP, String hostIP, Map<String, PreparedVolume> volumes) {
        Map<String, String> variables = env.resolve(pod, container, podIP, hostIP,
                networking.serviceVariables(pod));
        return ContainerSpec.builder(PodLabels.containerName(pod, container.name(), restartCount), container.image())
                .entrypoint(PodEnv.expandAll(container.command(), variables))
                .command(PodEnv.expandAll(container.args(), variables))
                .env(variables)
                .workingDir(container.workingDir())
                .labels(PodLabels.forContainer(nodeName, pod, container.name(), role, restartCount,
                        PodPlanner.gracePeriod(pod).toSeconds()))
                .resources(resources(container.resourcesOrEmpty()))
                .mounts(VolumeMounts.of(container, volumes));
    }

    /** What the container holding the pod's network carries: every port of the pod, the DNS settings, the hostname. */
    private ContainerSpec.Builder podNetwork(Pod pod, ContainerSpec.Builder holder) {
        holder.ports(ports(pod)).hostname(hostname(pod));
        networking.dnsServerFor(pod).ifPresent(server -> holder.dnsServers(List.of(server))
                .dnsSearch(networking.searches(pod.metadata().namespace())).dnsOptions(PodNetworking.DNS_OPTIONS));
        return holder;
    }

    /**
     * Every port of every container of the pod, each on its {@code hostPort}, else on the host port recorded for it in
     * the pod's {@link PodHostPorts#ANNOTATION} (so that a new network holder keeps the port an earlier one was
     * given, and the pod's endpoints stay where they are), else on one the runtime allocates.
     */
    static List<PortMapping> ports(Pod pod) {
        return ports(pod, PodHostPorts.of(pod));
    }

    /**
     * Whether the pod's network holder asks for a host port only because the pod's record has it (not its spec): a
     * port that may have been taken on this host since the holder before released it.
     */
    static boolean reusesRecordedPorts(Pod pod) {
        return !ports(pod).equals(ports(pod, List.of()));
    }

    /** {@code holder} with the ports it took from the pod's record left to the runtime to allocate; the spec's stay. */
    static ContainerSpec withAllocatedPorts(ContainerSpec holder, Pod pod) {
        return holder.toBuilder().ports(ports(pod, List.of())).build();
    }

    private static List<PortMapping> ports(Pod pod, List<PodHostPorts.Entry> recorded) {
        List<PortMapping> ports = new ArrayList<>();
        pod.spec().allContainers().forEach(c -> c.ports().forEach(p -> {
            PortMapping.Protocol protocol = protocol(p);
            int hostPort = p.hostPort() != null ? p.hostPort() : recorded.stream()
                    .filter(e -> c.name().equals(e.container()) && e.containerPort() == p.containerPort()
                            && protocol.name().equals(e.protocol()))
                    .mapToInt(PodHostPorts.Entry::hostPort).findFirst().orElse(0);
            ports.add(new PortMapping(p.hostIP(), hostPort, p.containerPort(), protocol));
        }));
        return ports;
    }

    /** As the kubelet names a pod's host: the pod's name, cut to 63 characters that do not end in '-' or '.'. */
    static String hostname(Pod pod) {
        String name = pod.metadata().name();
        String cut = name.length() > HOSTNAME_MAX ? name.substring(0, HOSTNAME_MAX) : name;
        return cut.replaceAll("[-.]+$", "");
    }

    /** cpu limit to NanoCpus, memory limit to bytes, the pids limit; requests only matter to the scheduler. */
    static Resources resources(ResourceRequirements requirements) {
        Quantity cpu = requirements.limits().get(ResourceRequirements.CPU);
        Quantity memory = requirements.limits().get(ResourceRequirements.MEMORY);
        return new Resources(memory == null ? 0 : memory.value(), cpu == null ? 0 : cpu.milliValue() * 1_000_000L,
                PIDS_LIMIT);
    }

    private static PortMapping.Protocol protocol(ContainerPort port) {
        return PortMapping.Protocol.parse(port.protocol() == null ? "TCP" : port.protocol());
    }

    /** Where the ports of the container holding the pod's network ended up, for the pod's {@link PodHostPorts#ANNOTATION}. */
    public static List<PodHostPorts.Entry> hostPorts(Pod pod, ContainerInfo holder) {
        List<PodHostPorts.Entry> entries = new ArrayList<>();
        pod.spec().allContainers().forEach(c -> c.ports().forEach(p -> {
            PortMapping.Protocol protocol = protocol(p);
            holder.hostPort(p.containerPort(), protocol).ifPresent(hostPort -> entries.add(
                    new PodHostPorts.Entry(c.name(), p.name(), p.containerPort(), protocol.name(), hostPort)));
        }));
        return List.copyOf(entries);
    }
}
