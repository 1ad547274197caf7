package dev.orc.node;

import dev.orc.api.model.Endpoints;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.model.ServiceSpec;

import java.util.List;
import java.util.Map;

/** Services and Endpoints as the API server's allocation and the endpoints controller would leave them. */
public final class ServiceFixtures {
    private ServiceFixtures() {
    }

    /** A ClusterIP service {@code namespace/name} at {@code clusterIP:port}, to target port {@code targetPort}. */
    public static Service clusterIP(String namespace, String name, String clusterIP, int port, int targetPort) {
        return Service.of(ObjectMeta.of(namespace, name).withUid("svc-" + name),
                ServiceSpec.of(Map.of("app", name), List.of(ServicePort.of(port, IntOrString.of(targetPort))))
                        .withClusterIP(clusterIP));
    }

    /** The same, of type NodePort, also on {@code nodePort} of every node address. */
    public static Service nodePort(String namespace, String name, String clusterIP, int port, int targetPort, int nodePort) {
        Service service = clusterIP(namespace, name, clusterIP, port, targetPort);
        ServiceSpec spec = service.spec();
        return service.withSpec(new ServiceSpec(ServiceSpec.NODE_PORT, spec.selector(),
                List.of(new ServicePort(null, "TCP", null, port, IntOrString.of(targetPort), nodePort)), spec.clusterIP(),
                spec.clusterIPs(), spec.externalIPs(), null, null, null, null, null, null));
    }

    /** Endpoints of {@code namespace/name}: each ready address at {@code port} (unnamed, TCP). */
    public static Endpoints endpoints(String namespace, String name, int port, String... readyIPs) {
        List<Endpoints.Address> addresses = java.util.Arrays.stream(readyIPs)
                .map(ip -> new Endpoints.Address(ip, null, null, null)).toList();
        return Endpoints.of(ObjectMeta.of(namespace, name),
                List.of(new Endpoints.Subset(addresses, List.of(), List.of(new Endpoints.Port(null, port, "TCP", null)))));
    }
}
