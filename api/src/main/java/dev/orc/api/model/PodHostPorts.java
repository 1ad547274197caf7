package dev.orc.api.model;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.orc.api.json.Json;

import java.util.List;
import java.util.Optional;

/**
 * Where a pod's container ports are published on its node, as the node agent records it in the pod
 * annotation {@value #ANNOTATION}: a JSON list of {@link Entry}. Ports with a {@code hostPort} keep it;
 * the others get a port the agent allocated. An endpoint of the pod is {@code status.hostIP:hostPort}.
 */
public final class PodHostPorts {
    public static final String ANNOTATION = "orc.dev/host-ports";

    /** One published port; {@code name} is the container port's name, if it has one. */
    public record Entry(String container, String name, int containerPort, String protocol, int hostPort) {
    }

    private PodHostPorts() {
    }

    public static String format(List<Entry> entries) {
        return Json.write(List.copyOf(entries));
    }

    /** The entries recorded on a pod; empty when the annotation is absent or unreadable. */
    public static List<Entry> of(Pod pod) {
        String value = pod.metadata() == null ? null : pod.metadata().annotations().get(ANNOTATION);
        if (value == null) {
            return List.of();
        }
        try {
            return List.copyOf(Json.mapper().readValue(value, new TypeReference<List<Entry>>() { }));
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** The host port of a container port given by number (as a string) or by name, for a protocol. */
    public static Optional<Integer> hostPort(Pod pod, String portNumberOrName, String protocol) {
        String proto = protocol == null ? "TCP" : protocol;
        return of(pod).stream()
                .filter(e -> proto.equals(e.protocol()))
                .filter(e -> portNumberOrName.equals(e.name()) || portNumberOrName.equals(Integer.toString(e.containerPort())))
                .map(Entry::hostPort)
                .findFirst();
    }
}
