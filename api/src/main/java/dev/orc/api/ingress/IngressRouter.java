package dev.orc.api.ingress;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses where a request goes, as Kubernetes defines Ingress matching: the rules of the most specific host that
 * has a matching path (an exact host, then a {@code *.} wildcard, then rules of every host); among those paths the
 * longest wins, Exact before Prefix when equally long; what no rule matches goes to the default backend. Pure and
 * immutable: a new set of rules is a new router.
 */
public final class IngressRouter<T> {
    /** One path of one rule and where it leads. */
    public record Route<T>(HostPattern host, PathRule path, T target) {
    }

    private final List<Route<T>> routes;
    private final T defaultTarget;

    private IngressRouter(List<Route<T>> routes, T defaultTarget) {
        this.routes = routes.stream()
                .sorted(Comparator.comparing((Route<T> r) -> r.host().specificity())
                        .thenComparing(r -> -r.path().length())
                        .thenComparing(r -> r.path().exact() ? 0 : 1))
                .toList();
        this.defaultTarget = defaultTarget;
    }

    /** {@code defaultTarget} may be null: then a request no rule matches has no target. */
    public static <T> IngressRouter<T> of(List<Route<T>> routes, T defaultTarget) {
        return new IngressRouter<>(List.copyOf(routes), defaultTarget);
    }

    public Optional<Match<T>> route(String host, String path) {
        for (Route<T> route : routes) {
            if (route.host().matches(host) && route.path().matches(path)) {
                String asked = path == null ? "/" : path;
                return Optional.of(new Match<>(route.target(), route.path().matchedPrefix(asked),
                        route.path().captures(asked)));
            }
        }
        return Optional.ofNullable(defaultTarget).map(target -> new Match<>(target, "", List.of()));
    }

    public List<Route<T>> routes() {
        return routes;
    }

    /**
     * The target, the part of the path its rule matched (empty for the default backend) and, for a regex path,
     * the whole match and its groups (else empty).
     */
    public record Match<T>(T target, String matchedPrefix, List<String> captures) {
        public Match {
            captures = List.copyOf(captures);
        }
    }
}
