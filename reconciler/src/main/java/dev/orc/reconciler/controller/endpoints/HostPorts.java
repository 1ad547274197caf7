package dev.orc.reconciler.controller.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.Container;
import dev.orc.api.model.ContainerPort;
import dev.orc.api.model.Pod;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a pod's container ports are reachable: the node agent publishes every container port on the node's
 * address and records the host port it got in the annotation {@value #ANNOTATION}, as JSON keyed
 * {@code container/containerPort/protocol}: {@code {"web/8080/TCP": 32768}}. This is the one place that reads
 * that shape. A port declared with an explicit {@code hostPort} is reachable there even without the annotation.
 */
public final class HostPorts {
    public static final String ANNOTATION = "orc.dev/host-ports";

    private final Map<String, Integer> published;
    private final Pod pod;

    private HostPorts(Pod pod, Map<String, Integer> published) {
        this.pod = pod;
        this.published = published;
    }

    /** The published ports of {@code pod}; an absent or unreadable annotation publishes nothing. */
    public static HostPorts of(Pod pod) {
        Map<String, Integer> published = new LinkedHashMap<>();
        String text = pod.metadata() == null ? null : pod.metadata().annotations().get(ANNOTATION);
        if (text != null) {
            try {
                JsonNode tree = Json.parse(text);
                tree.fields().forEachRemaining(entry -> {
                    if (entry.getValue().canConvertToInt()) {
                        published.put(entry.getKey(), entry.getValue().intValue());
                    }
                });
            } catch (IllegalArgumentException unreadable) {
                published.clear();
            }
        }
        return new HostPorts(pod, Map.copyOf(published));
    }

    public static String key(String container, int containerPort, String protocol) {
        return container + "/" + containerPort + "/" + protocol(protocol);
    }

    /** The host port serving {@code containerPort}/{@code protocol} of any container of the pod. */
    public Optional<Integer> forNumber(int containerPort, String protocol) {
        String suffix = "/" + containerPort + "/" + protocol(protocol);
        for (Map.Entry<String, Integer> entry : published.entrySet()) {
            if (entry.getKey().endsWith(suffix)) {
                return Optional.of(entry.getValue());
            }
        }
        for (Container container : pod.spec() == null ? List.<Container>of() : pod.spec().containers()) {
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
        for (Container container : pod.spec() == null ? List.<Container>of() : pod.spec().containers()) {
            for (ContainerPort port : container.ports()) {
                if (name.equals(port.name()) && port.containerPort() != null
                        && protocol(port.protocol()).equals(protocol(protocol))) {
                    Integer host = published.get(key(container.name(), port.containerPort(), port.protocol()));
                    if (host != null) {
                        return Optional.of(host);
                    }
                    return Optional.ofNullable(port.hostPort());
                }
            }
        }
        return Optional.empty();
    }

    private static String protocol(String protocol) {
        return protocol == null || protocol.isEmpty() ? "TCP" : protocol;
    }
}
