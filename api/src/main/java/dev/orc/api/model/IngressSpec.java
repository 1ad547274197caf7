package dev.orc.api.model;

import java.util.List;

/**
 * An Ingress's routes: rules by host, each with paths to backends; the backend of what no rule matches; the hosts
 * served over TLS with the {@code kubernetes.io/tls} Secret holding their certificate.
 */
public record IngressSpec(String ingressClassName, Backend defaultBackend, @OmitEmpty List<Tls> tls,
                          @OmitEmpty List<Rule> rules) {
    public static final String PATH_EXACT = "Exact";
    public static final String PATH_PREFIX = "Prefix";
    public static final String PATH_IMPLEMENTATION_SPECIFIC = "ImplementationSpecific";

    public IngressSpec {
        tls = Immutable.list(tls);
        rules = Immutable.list(rules);
    }

    /** Requests for {@code host} (any host when absent; {@code *.example.com} matches one label). */
    public record Rule(String host, Http http) {
    }

    public record Http(@OmitEmpty List<Path> paths) {
        public Http {
            paths = Immutable.list(paths);
        }
    }

    /** A path and how it matches: Exact, Prefix (by path elements) or ImplementationSpecific (orc: as Prefix). */
    public record Path(String path, String pathType, Backend backend) {
    }

    /** A Service's port, by number or by name. */
    public record Backend(ServiceBackend service) {
        public static Backend of(String service, int port) {
            return new Backend(new ServiceBackend(service, new Port(null, port)));
        }
    }

    public record ServiceBackend(String name, Port port) {
    }

    /** Exactly one of a port's name and number. */
    public record Port(String name, Integer number) {
        @Override
        public String toString() {
            return number != null ? String.valueOf(number) : name;
        }
    }

    /** Hosts served over TLS with the certificate of a {@code kubernetes.io/tls} Secret of the Ingress's namespace. */
    public record Tls(@OmitEmpty List<String> hosts, String secretName) {
        public Tls {
            hosts = Immutable.list(hosts);
        }
    }
}
