package dev.orc.node.runtime.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.NetworkSettings;
import com.github.dockerjava.api.model.Ports;
import dev.orc.node.runtime.ContainerInfo;
import dev.orc.node.runtime.ContainerState;
import dev.orc.node.runtime.NetworkMode;
import dev.orc.node.runtime.PortMapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads docker-java's inspect answer into a {@link ContainerInfo}. */
final class InspectMapping {

    /** Docker writes this for times that never happened. */
    private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private InspectMapping() {
    }

    static ContainerInfo toInfo(InspectContainerResponse r) {
        InspectContainerResponse.ContainerState s = r.getState();
        Map<String, String> labels = r.getConfig() == null || r.getConfig().getLabels() == null
                ? Map.of() : r.getConfig().getLabels();
        String image = r.getConfig() == null || r.getConfig().getImage() == null ? "" : r.getConfig().getImage();
        String networkMode = r.getHostConfig() == null || r.getHostConfig().getNetworkMode() == null
                ? "default" : r.getHostConfig().getNetworkMode();
        return new ContainerInfo(
                r.getId(),
                stripSlash(r.getName()),
                image,
                nullToEmpty(r.getImageId()),
                labels,
                ContainerState.parse(s.getStatus()),
                s.getExitCodeLong() == null ? 0 : s.getExitCodeLong().intValue(),
                Boolean.TRUE.equals(s.getOOMKilled()),
                time(s.getStartedAt()),
                time(s.getFinishedAt()),
                ports(r.getNetworkSettings()),
                ipAddress(r.getNetworkSettings()),
                NetworkMode.parse(networkMode),
                nullToEmpty(s.getError()));
    }

    static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : nullToEmpty(name);
    }

    static Optional<Instant> time(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        Instant t = Instant.parse(value);
        return t.equals(ZERO_TIME) ? Optional.empty() : Optional.of(t);
    }

    private static List<PortMapping> ports(NetworkSettings settings) {
        if (settings == null || settings.getPorts() == null) {
            return List.of();
        }
        List<PortMapping> result = new ArrayList<>();
        for (Map.Entry<ExposedPort, Ports.Binding[]> e : settings.getPorts().getBindings().entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            PortMapping.Protocol protocol = PortMapping.Protocol.parse(e.getKey().getProtocol().toString());
            for (Ports.Binding b : e.getValue()) {
                String hostPort = b.getHostPortSpec();
                if (hostPort != null && !hostPort.isEmpty()) {
                    result.add(new PortMapping(nullToEmpty(b.getHostIp()), Integer.parseInt(hostPort), e.getKey().getPort(), protocol));
                }
            }
        }
        result.sort(Comparator.comparingInt(PortMapping::containerPort).thenComparing(PortMapping::protocol)
                .thenComparing(PortMapping::hostIp));
        return result;
    }

    private static String ipAddress(NetworkSettings settings) {
        if (settings == null) {
            return "";
        }
        if (settings.getIpAddress() != null && !settings.getIpAddress().isEmpty()) {
            return settings.getIpAddress();
        }
        if (settings.getNetworks() == null) {
            return "";
        }
        return settings.getNetworks().values().stream()
                .map(ContainerNetwork::getIpAddress)
                .filter(ip -> ip != null && !ip.isEmpty())
                .findFirst()
                .orElse("");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
