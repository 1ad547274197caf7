package dev.orc.api.model;

import java.util.List;

/** Where an Ingress is served: in orc, the address of every Ready node, since every node's ingress serves it. */
public record IngressStatus(LoadBalancer loadBalancer) {

    public static IngressStatus addresses(List<String> ips) {
        return new IngressStatus(new LoadBalancer(ips.stream().map(ip -> new Address(ip, null)).toList()));
    }

    /** The addresses, in order; empty when none is set. */
    public List<String> ips() {
        return loadBalancer == null ? List.of()
                : loadBalancer.ingress().stream().map(Address::ip).filter(java.util.Objects::nonNull).toList();
    }

    public record LoadBalancer(@OmitEmpty List<Address> ingress) {
        public LoadBalancer {
            ingress = Immutable.list(ingress);
        }
    }

    public record Address(String ip, String hostname) {
    }
}
