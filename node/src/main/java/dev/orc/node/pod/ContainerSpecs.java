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
     * pod's DNS settings (Docker refuses them on a container that joins another's network namespace; those share
     * the infra container's resolv.conf).
     */
    public ContainerSpec infra(Pod pod, int attempt) {
        List<PortMapping> ports = new ArrayList<>();
        pod.spec().allContainers().flatMap(c -> c.ports().stream()).forEach(p -> ports.add(mapping(p)));
        ContainerSpec.Builder infra = ContainerSpec.builder(PodLabels.containerName(pod, PodLabels.INFRA_NAME, attempt),
                        ImageBuilder.PAUSE_IMAGE)
                .labels(PodLabels.forContainer(nodeName, pod, PodLabels.INFRA_NAME, ContainerRole.INFRA, attempt,
                        PodPlanner.gracePeriod(pod).toSeconds()))
                .ports(ports);
        networking.dnsServerFor(pod).ifPresent(server -> infra.dnsServers(List.of(server))
                .dnsSearch(networking.searches(pod.metadata().namespace())).dnsOptions(PodNetworking.DNS_OPTIONS));
        return infra.build();
    }

    /**
     * An app or init container joining the network namespace of the infra container {@code infraId}; {@code podIP}
     * is only read when the environment asks for {@code status.podIP} ({@link PodEnv#usesPodIP}).
     */
    public ContainerSpec container(Pod pod, Container container, ContainerRole role, int restartCount,
                                   String infraId, String podIP, String hostIP, Map<String, PreparedVolume> volumes) {
        Map<String, String> variables = env.resolve(pod, container, podIP, hostIP,
                networking.serviceVariables(pod));
        return ContainerSpec.builder(PodLabels.containerName(pod, container.name(), restartCount), container.image())
                .entrypoint(PodEnv.expandAll(container.command(), variables))
                .command(PodEnv.expandAll(container.args(), variables))
                .env(variables)
                .workingDir(container.workingDir())
                .labels(PodLabels.forContainer(nodeName, pod, container.name(), role, restartCount,
                        PodPlanner.gracePeriod(pod).toSeconds()))
                .networkMode(NetworkMode.container(infraId))
                .resources(resources(container.resourcesOrEmpty()))
                .mounts(VolumeMounts.of(container, volumes))
                .build();
    }

    /** cpu limit to NanoCpus, memory limit to bytes, the pids limit; requests only matter to the scheduler. */
    static Resources resources(ResourceRequirements requirements) {
        Quantity cpu = requirements.limits().get(ResourceRequirements.CPU);
        Quantity memory = requirements.limits().get(ResourceRequirements.MEMORY);
        return new Resources(memory == null ? 0 : memory.value(), cpu == null ? 0 : cpu.milliValue() * 1_000_000L,
                PIDS_LIMIT);
    }

    private static PortMapping mapping(ContainerPort port) {
        return new PortMapping(port.hostIP(), port.hostPort() == null ? 0 : port.hostPort(), port.containerPort(),
                PortMapping.Protocol.parse(port.protocol() == null ? "TCP" : port.protocol()));
    }

    /** Where the infra container's ports ended up, for the pod's {@link PodHostPorts#ANNOTATION}. */
    public static List<PodHostPorts.Entry> hostPorts(Pod pod, ContainerInfo infra) {
        List<PodHostPorts.Entry> entries = new ArrayList<>();
        pod.spec().allContainers().forEach(c -> c.ports().forEach(p -> {
            PortMapping.Protocol protocol = PortMapping.Protocol.parse(p.protocol() == null ? "TCP" : p.protocol());
            infra.hostPort(p.containerPort(), protocol).ifPresent(hostPort -> entries.add(
                    new PodHostPorts.Entry(c.name(), p.name(), p.containerPort(), protocol.name(), hostPort)));
        }));
        return List.copyOf(entries);
    }
}
