package dev.orc.node.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container as inspected.
 *
 * @param image the image reference it was created from; imageId the resolved image id
 * @param exitCode meaningful once exited
 * @param startedAt empty if never started; finishedAt empty if never exited
 * @param ports the published ports with the host ports actually bound
 * @param ipAddress its address on the bridge network; empty for none, host or a joined namespace
 * @param error the engine's error message when it failed to start, else empty
 */
public record ContainerInfo(
        String id,
        String name,
        String image,
        String imageId,
        Map<String, String> labels,
        ContainerState state,
        int exitCode,
        boolean oomKilled,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        List<PortMapping> ports,
        String ipAddress,
        NetworkMode networkMode,
        String error) {

    public ContainerInfo {
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
    }

    public boolean running() {
        return state == ContainerState.RUNNING;
    }

    /** The host port bound for a container port, if it is published. */
    public Optional<Integer> hostPort(int containerPort, PortMapping.Protocol protocol) {
        return ports.stream()
                .filter(p -> p.containerPort() == containerPort && p.protocol() == protocol)
                .map(PortMapping::hostPort)
                .findFirst();
    }
}
