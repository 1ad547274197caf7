package dev.orc.api.ingress;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything a node's ingress serves at one moment: the router of every served Ingress, the TLS hosts and their
 * Secrets, and what could not be served as asked. Immutable, so a node swaps one for the next in one step.
 */
public record RouteTable(IngressRouter<Destination> router, List<TlsBinding> tls, List<IngressProblem> problems) {
    public static final RouteTable EMPTY = new RouteTable(IngressRouter.of(List.of(), null), List.of(), List.of());

    public RouteTable {
        tls = List.copyOf(tls);
        problems = List.copyOf(problems);
    }

    /** The binding for a TLS server name: an exact host before a wildcard; empty when no Ingress has one. */
    public Optional<TlsBinding> tlsFor(String serverName) {
        return tls.stream().filter(b -> b.host().matches(serverName))
                .min((a, b) -> a.host().specificity().compareTo(b.host().specificity()));
    }

    /** Every Secret (namespace/name) some TLS host uses. */
    public Set<String> secrets() {
        return tls.stream().map(TlsBinding::secretKey).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The problems of one Ingress. */
    public List<IngressProblem> problemsOf(String namespace, String name) {
        return problems.stream().filter(p -> p.namespace().equals(namespace) && p.name().equals(name)).toList();
    }
}
