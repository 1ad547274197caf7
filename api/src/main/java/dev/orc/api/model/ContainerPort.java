package dev.orc.api.model;

/** A port a container listens on; {@code hostPort} publishes it on the node. Protocol defaults to TCP. */
public record ContainerPort(String name, Integer containerPort, Integer hostPort, String hostIP, String protocol) {
    public static ContainerPort of(int containerPort) {
        return new ContainerPort(null, containerPort, null, null, null);
    }
}
