package dev.orc.api.model;

import java.util.List;

/** A Service's observed state: for a LoadBalancer, the addresses it is reachable on. */
public record ServiceStatus(LoadBalancerStatus loadBalancer) {

    public static ServiceStatus loadBalancer(List<String> ips) {
        return new ServiceStatus(new LoadBalancerStatus(ips.stream().map(ip -> new Ingress(ip, null)).toList()));
    }

    public record LoadBalancerStatus(@OmitEmpty List<Ingress> ingress) {
        public LoadBalancerStatus {
            ingress = Immutable.list(ingress);
        }
    }

    public record Ingress(String ip, String hostname) {
    }
}
