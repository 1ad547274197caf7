package dev.orc.api.model;

/** A port a Service exposes; {@code targetPort} is a container port number or name (default: {@code port}). */
public record ServicePort(String name, String protocol, String appProtocol, Integer port, IntOrString targetPort,
                          Integer nodePort) {
    public static ServicePort of(int port, IntOrString targetPort) {
        return new ServicePort(null, null, null, port, targetPort, null);
    }

    public ServicePort withNodePort(Integer nodePort) {
        return new ServicePort(name, protocol, appProtocol, port, targetPort, nodePort);
    }
}
