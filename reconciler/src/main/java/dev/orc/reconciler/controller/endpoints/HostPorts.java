package dev.orc.reconciler.controller.endpoints;

import dev.orc.api.model.Container;
import dev.orc.api.model.ContainerPort;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodHostPorts;

import java.util.List;
import java.util.Optional;

/**
 * Where a pod's container ports are reachable: the node agent publishes every container port on the node's
 * address and records the host port it got in the annotation {@link PodHostPorts#ANNOTATION}, a JSON list of
 * {@code {container, name, containerPort, protocol, hostPort}} read through {@link PodHostPorts}. A port declared
 * with an explicit {@code hostPort} is reachable there even without the annotation.
 */
public final class HostPorts {
    private final List<PodHostPorts.Entry> published;
    private final Pod pod;

    private HostPorts(Pod pod, List<PodHostPorts.Entry> published) {
        this.pod = pod;
        this.published = published;
    }

    /** The published ports of {@code pod}; an absent or unreadable annotation publishes nothing. */
    public static HostPorts of(Pod pod) {
        return new HostPorts(pod, PodHostPorts.of(pod));
    }

    /** The host port serving {@code containerPort}/{@code protocol} of any container of the pod. */
    public Optional<Integer> forNumber(int containerPort, String protocol) {
        for (PodHostPorts.Entry entry : published) {
            if (entry.containerPort() == containerPort && protocol(entry.protocol()).equals(protocol(protocol))) {
                return Optional.of(entry.hostPort());
            }
        }
        for (Container container : containers()) {
            for (ContainerPort port : container.ports()) {
                if (port.containerPort() != null && port.containerPort() == containerPort
                        && protocol(port.protocol()).equals(protocol(protocol)) && port.hostPort() != null) {
                    return Optional.of(port.hostPort());
                }
            }
        }
        return Optional.empty();
    }

    /** The host port serving the container port called {@code name} (with {@code protocol}), if the pod has one. */
    public Optional<Integer> forName(String name, String protocol) {
        for (Container container : containers()) {
            for (ContainerPort port : container.ports()) {
                if (name.equals(port.name()) && port.containerPort() != null
                        && protocol(port.protocol()).equals(protocol(protocol))) {
                    return published(container.name(), port.containerPort(), protocol(port.protocol()))
                            .or(() -> Optional.ofNullable(port.hostPort()));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Integer> published(String container, int containerPort, String protocol) {
        return published.stream()
                .filter(e -> container.equals(e.container()) && e.containerPort() == containerPort
                        && protocol.equals(protocol(e.protocol())))
                .map(PodHostPorts.Entry::hostPort)
                .findFirst();
    }

    private List<Container> containers() {
        return pod.spec() == null ? List.of() : pod.spec().containers();
    }

    private static String protocol(String protocol) {
        return protocol == null || protocol.isEmpty() ? "TCP" : protocol;
    }
}
