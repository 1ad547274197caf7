package dev.orc.api.model;

import java.util.List;
import java.util.Map;

/** How a Service is reached and which pods serve it. */
public record ServiceSpec(
        String type,
        @OmitEmpty Map<String, String> selector,
        @OmitEmpty List<ServicePort> ports,
        String clusterIP,
        @OmitEmpty List<String> clusterIPs,
        @OmitEmpty List<String> externalIPs,
        String externalName,
        String sessionAffinity,
        SessionAffinityConfig sessionAffinityConfig,
        String externalTrafficPolicy,
        Boolean publishNotReadyAddresses,
        String loadBalancerIP) {
    public static final String CLUSTER_IP = "ClusterIP";
    public static final String NODE_PORT = "NodePort";
    public static final String LOAD_BALANCER = "LoadBalancer";
    public static final String EXTERNAL_NAME = "ExternalName";
    /** {@code clusterIP: None} makes a headless service. */
    public static final String NONE = "None";
    public static final String AFFINITY_NONE = "None";
    public static final String AFFINITY_CLIENT_IP = "ClientIP";

    public ServiceSpec {
        selector = Immutable.map(selector);
        ports = Immutable.list(ports);
        clusterIPs = Immutable.list(clusterIPs);
        externalIPs = Immutable.list(externalIPs);
    }

    public static ServiceSpec of(Map<String, String> selector, List<ServicePort> ports) {
        return new ServiceSpec(null, selector, ports, null, null, null, null, null, null, null, null, null);
    }

    public boolean headless() {
        return NONE.equals(clusterIP);
    }

    /** Session affinity by client IP, with its timeout. */
    public record SessionAffinityConfig(ClientIPConfig clientIP) {
    }

    public record ClientIPConfig(Integer timeoutSeconds) {
    }

    public ServiceSpec withClusterIP(String clusterIP) {
        return new ServiceSpec(type, selector, ports, clusterIP, clusterIP == null ? null : List.of(clusterIP),
                externalIPs, externalName, sessionAffinity, sessionAffinityConfig, externalTrafficPolicy,
                publishNotReadyAddresses, loadBalancerIP);
    }

    public ServiceSpec withPorts(List<ServicePort> ports) {
        return new ServiceSpec(type, selector, ports, clusterIP, clusterIPs, externalIPs, externalName,
                sessionAffinity, sessionAffinityConfig, externalTrafficPolicy, publishNotReadyAddresses, loadBalancerIP);
    }
}
