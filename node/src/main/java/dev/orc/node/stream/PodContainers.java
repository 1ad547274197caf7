package dev.orc.node.stream;

import dev.orc.node.pod.ContainerRole;
import dev.orc.node.pod.PodLabels;
import dev.orc.node.runtime.ContainerInfo;
import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ContainerSummary;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/** Finds a pod's running containers on this node by their labels, and the pod's address on the bridge. */
final class PodContainers {
    private final ContainerRuntime runtime;
    private final String nodeName;

    PodContainers(ContainerRuntime runtime, String nodeName) {
        this.runtime = runtime;
        this.nodeName = nodeName;
    }

    /**
     * The running container of the pod named {@code container}, or its only app container when none is named.
     *
     * @throws NoSuchElementException with a message for a person
     */
    String running(String namespace, String pod, Optional<String> container) {
        List<ContainerSummary> ofPod = ofPod(namespace, pod);
        String what = "pod \"" + pod + "\" in namespace \"" + namespace + "\"";
        List<String> names = ofPod.stream().filter(c -> !role(c, ContainerRole.INFRA) && !role(c, ContainerRole.INIT))
                .map(c -> c.labels().get(PodLabels.CONTAINER_NAME)).distinct().sorted().toList();
        String name = container.orElseGet(() -> {
            if (names.size() == 1) {
                return names.getFirst();
            }
            throw new NoSuchElementException(names.isEmpty() ? what + " has no containers on this node"
                    : "a container name must be specified for " + what + ", choose one of: " + names);
        });
        return ofPod.stream().filter(c -> name.equals(c.labels().get(PodLabels.CONTAINER_NAME)))
                .filter(c -> runtime.inspect(c.id()).running())
                .max(Comparator.comparing(ContainerSummary::createdAt))
                .map(ContainerSummary::id)
                .orElseThrow(() -> new NoSuchElementException("container \"" + name + "\" of " + what
                        + " is not running"));
    }

    /** The pod's IP address: that of the container holding its network (the infra container, or its only one). */
    String address(String namespace, String pod) {
        return ofPod(namespace, pod).stream().map(c -> runtime.inspect(c.id())).filter(ContainerInfo::running)
                .map(ContainerInfo::ipAddress).filter(ip -> ip != null && !ip.isEmpty()).findFirst()
                .orElseThrow(() -> new NoSuchElementException("pod \"" + pod + "\" in namespace \"" + namespace
                        + "\" has no running container with an address on this node"));
    }

    private List<ContainerSummary> ofPod(String namespace, String pod) {
        return runtime.list(Map.of(PodLabels.NODE, nodeName, PodLabels.POD_NAMESPACE, namespace,
                PodLabels.POD_NAME, pod));
    }

    private static boolean role(ContainerSummary c, ContainerRole role) {
        return role.label().equals(c.labels().get(PodLabels.ROLE));
    }
}
