package dev.orc.node.pod;

import dev.orc.node.runtime.ContainerInfo;
import dev.orc.node.runtime.ContainerState;
import dev.orc.node.runtime.NetworkMode;
import dev.orc.node.runtime.PortMapping;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fluent fixtures of containers as the runtime reports them, for planner tests:
 * {@code Observed.app("web", 0).exited(1).ownNetwork("172.17.0.5").build()}.
 */
final class Observed {
    private static final Instant STARTED = Instant.parse("2024-05-01T12:00:00Z");

    private final String name;
    private final ContainerRole role;
    private final int restartCount;
    private ContainerState state = ContainerState.RUNNING;
    private int exitCode;
    private NetworkMode network = NetworkMode.container("infra-id");
    private String ip = "";
    private List<PortMapping> ports = List.of();

    private Observed(String name, ContainerRole role, int restartCount) {
        this.name = name;
        this.role = role;
        this.restartCount = restartCount;
    }

    /** Attempt {@code restartCount} of an app container joining an infra container, running. */
    static Observed app(String name, int restartCount) {
        return new Observed(name, ContainerRole.APP, restartCount);
    }

    /** Attempt {@code attempt} of the infra container, running at {@code ip}. */
    static Observed infra(int attempt, String ip) {
        return new Observed(PodLabels.INFRA_NAME, ContainerRole.INFRA, attempt).ownNetwork(ip);
    }

    /** On a network of its own, at {@code ip} while it runs. */
    Observed ownNetwork(String ip) {
        this.network = NetworkMode.bridge();
        this.ip = ip;
        return this;
    }

    Observed publishing(PortMapping... ports) {
        this.ports = List.of(ports);
        return this;
    }

    Observed exited(int code) {
        this.state = ContainerState.EXITED;
        this.exitCode = code;
        return this;
    }

    ObservedContainer build() {
        boolean running = state == ContainerState.RUNNING;
        Map<String, String> labels = Map.of(PodLabels.CONTAINER_NAME, name, PodLabels.ROLE, role.label(),
                PodLabels.RESTART_COUNT, Integer.toString(restartCount));
        return ObservedContainer.of(new ContainerInfo(name + "-" + restartCount + "-id", "orc_" + name + "_" + restartCount,
                Pods.IMAGE, "sha256:1", labels, state, exitCode, false, Optional.of(STARTED),
                running ? Optional.empty() : Optional.of(STARTED.plusSeconds(1)), running ? ports : List.of(),
                running ? ip : "", network, ""));
    }

    static ObservedPod pod(Observed... containers) {
        return new ObservedPod(java.util.Arrays.stream(containers).map(Observed::build).toList());
    }
}
