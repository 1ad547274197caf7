package dev.orc.api.ingress;

import java.util.List;

/**
 * Where a matched request goes: a Service's port, resolved to the ready endpoints behind it (empty: answer 503),
 * with the options of the Ingress that routes there and the hosts it serves over TLS. {@code ingress} and
 * {@code service} are namespace/name.
 */
public record Destination(String ingress, String service, String port, List<Endpoint> endpoints,
                          IngressOptions options, List<HostPattern> tlsHosts) {
    public Destination {
        endpoints = List.copyOf(endpoints);
        tlsHosts = List.copyOf(tlsHosts);
    }

    /** Whether the Ingress serves {@code host} over TLS (then plain HTTP is redirected, unless it says not to). */
    public boolean tls(String host) {
        for (HostPattern pattern : tlsHosts) {
            if (pattern.matches(host)) {
                return true;
            }
        }
        return false;
    }

    /** One ready address of the Service. */
    public record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
