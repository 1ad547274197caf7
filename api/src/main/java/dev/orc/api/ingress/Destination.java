package dev.orc.api.ingress;

import java.util.List;

/**
 * Where a matched request goes: a Service's port, resolved to the ready endpoints behind it (empty: answer 503),
 * with the options of the Ingress that routes there. {@code ingress} and {@code service} are namespace/name.
 */
public record Destination(String ingress, String service, String port, List<Endpoint> endpoints,
                          IngressOptions options, boolean tls) {
    public Destination {
        endpoints = List.copyOf(endpoints);
    }

    /** One ready address of the Service. */
    public record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
