package dev.orc.api.ingress;

import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Ingress;
import dev.orc.api.model.IngressClass;
import dev.orc.api.model.IngressSpec;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the {@link RouteTable} of the cluster from its Ingresses, IngressClasses, Services and Endpoints. Pure. The
 * Ingresses orc serves are taken oldest first (then by namespace/name), so when two claim the same host, path and
 * path type, or both set a default backend, the older keeps it and the newer is reported as a Conflict. A backend is
 * the Service port named or numbered by the Ingress, and its endpoints those of the endpoint port named like it.
 */
public final class RouteTableBuilder {
    private RouteTableBuilder() {
    }

    public static RouteTable build(List<Ingress> ingresses, List<IngressClass> classes, List<Service> services,
                                   List<Endpoints> endpoints) {
        Map<String, Service> servicesByKey = new HashMap<>();
        services.forEach(s -> servicesByKey.put(s.namespace() + "/" + s.name(), s));
        Map<String, Endpoints> endpointsByKey = new HashMap<>();
        endpoints.forEach(e -> endpointsByKey.put(e.namespace() + "/" + e.name(), e));
        List<IngressRouter.Route<Destination>> routes = new ArrayList<>();
        Map<String, String> claimed = new LinkedHashMap<>();
        List<TlsBinding> tls = new ArrayList<>();
        List<IngressProblem> problems = new ArrayList<>();
        Destination defaultTarget = null;
        String defaultOwner = null;
        for (Ingress ingress : served(ingresses, classes)) {
            String namespace = ingress.namespace();
            String owner = namespace + "/" + ingress.name();
            List<String> annotationProblems = new ArrayList<>();
            IngressOptions options = IngressOptions.of(ingress.metadata().annotations(), annotationProblems);
            annotationProblems.forEach(message -> problems.add(new IngressProblem(namespace, ingress.name(),
                    IngressProblem.UNSUPPORTED_ANNOTATION, message)));
            IngressSpec spec = ingress.spec();
            List<HostPattern> tlsHosts = new ArrayList<>();
            for (IngressSpec.Tls entry : spec.tls()) {
                for (String host : entry.hosts()) {
                    tlsHosts.add(new HostPattern(host));
                    if (entry.secretName() != null) {
                        tls.add(new TlsBinding(new HostPattern(host), namespace, entry.secretName()));
                    }
                }
            }
            Resolver resolver = new Resolver(namespace, ingress.name(), owner, options, List.copyOf(tlsHosts),
                    servicesByKey, endpointsByKey, problems);
            if (spec.defaultBackend() != null) {
                if (defaultOwner == null) {
                    defaultTarget = resolver.resolve(spec.defaultBackend());
                    defaultOwner = owner;
                } else {
                    problems.add(new IngressProblem(namespace, ingress.name(), IngressProblem.CONFLICT,
                            "spec.defaultBackend: the default backend is already Ingress " + defaultOwner + "'s"));
                }
            }
            for (int i = 0; i < spec.rules().size(); i++) {
                IngressSpec.Rule rule = spec.rules().get(i);
                if (rule.http() == null) {
                    continue;
                }
                HostPattern host = new HostPattern(rule.host());
                for (int j = 0; j < rule.http().paths().size(); j++) {
                    IngressSpec.Path path = rule.http().paths().get(j);
                    PathRule pathRule;
                    try {
                        pathRule = options.regexPaths() ? PathRule.regex(path.path())
                                : PathRule.of(path.path(), path.pathType());
                    } catch (IllegalArgumentException e) {
                        problems.add(new IngressProblem(namespace, ingress.name(), IngressProblem.INVALID_PATH,
                                "spec.rules[" + i + "].http.paths[" + j + "]: " + e.getMessage()));
                        continue;
                    }
                    String key = host.host() + " " + (pathRule.regex() != null ? "~" : pathRule.exact() ? "=" : "^") + pathRule.path();
                    String holder = claimed.putIfAbsent(key, owner);
                    if (holder != null) {
                        problems.add(new IngressProblem(namespace, ingress.name(), IngressProblem.CONFLICT,
                                "spec.rules[" + i + "].http.paths[" + j + "]: host \"" + host.host() + "\" path \""
                                        + pathRule.path() + "\" is already served by Ingress " + holder));
                        continue;
                    }
                    routes.add(new IngressRouter.Route<>(host, pathRule, resolver.resolve(path.backend())));
                }
            }
        }
        return new RouteTable(IngressRouter.of(routes, defaultTarget), tls, problems);
    }

    /** Where one backend of {@code ingress} leads now (for {@code orc describe}); problems are left out. */
    public static Destination resolve(Ingress ingress, IngressSpec.Backend backend, List<Service> services,
                                      List<Endpoints> endpoints) {
        Map<String, Service> servicesByKey = new HashMap<>();
        services.forEach(s -> servicesByKey.put(s.namespace() + "/" + s.name(), s));
        Map<String, Endpoints> endpointsByKey = new HashMap<>();
        endpoints.forEach(e -> endpointsByKey.put(e.namespace() + "/" + e.name(), e));
        return new Resolver(ingress.namespace(), ingress.name(), ingress.namespace() + "/" + ingress.name(),
                IngressOptions.DEFAULTS, List.of(), servicesByKey, endpointsByKey, new ArrayList<>()).resolve(backend);
    }

    /** The Ingresses orc serves, oldest first. */
    static List<Ingress> served(List<Ingress> ingresses, List<IngressClass> classes) {
        return ingresses.stream()
                .filter(i -> i.spec() != null && i.metadata() != null && !i.metadata().deleting())
                .filter(i -> IngressClassFilter.servedByOrc(i, classes))
                .sorted(Comparator.comparing((Ingress i) -> Objects.requireNonNullElse(i.metadata().creationTimestamp(), ""))
                        .thenComparing(Ingress::namespace).thenComparing(Ingress::name))
                .toList();
    }

    /** Resolves the backends of one Ingress, reporting the ones that lead nowhere. */
    private record Resolver(String namespace, String name, String owner, IngressOptions options,
                            List<HostPattern> tls, Map<String, Service> services, Map<String, Endpoints> endpoints,
                            List<IngressProblem> problems) {
        Destination resolve(IngressSpec.Backend backend) {
            if (backend == null || backend.service() == null) {
                return new Destination(owner, "", "", List.of(), options, tls);
            }
            IngressSpec.ServiceBackend target = backend.service();
            String serviceKey = namespace + "/" + target.name();
            String port = String.valueOf(target.port());
            Service service = services.get(serviceKey);
            if (service == null) {
                report("service \"" + target.name() + "\" not found");
                return new Destination(owner, serviceKey, port, List.of(), options, tls);
            }
            Optional<ServicePort> servicePort = service.spec() == null ? Optional.empty() : service.spec().ports().stream()
                    .filter(p -> target.port() != null && (target.port().number() != null
                            ? target.port().number().equals(p.port()) : target.port().name().equals(p.name())))
                    .findFirst();
            if (servicePort.isEmpty()) {
                report("service \"" + target.name() + "\" has no port " + port);
                return new Destination(owner, serviceKey, port, List.of(), options, tls);
            }
            return new Destination(owner, serviceKey, port, ready(endpoints.get(serviceKey), servicePort.get().name()),
                    options, tls);
        }

        private void report(String message) {
            problems.add(new IngressProblem(namespace, name, IngressProblem.BACKEND_NOT_FOUND, message));
        }

        private static List<Destination.Endpoint> ready(Endpoints endpoints, String portName) {
            if (endpoints == null) {
                return List.of();
            }
            List<Destination.Endpoint> ready = new ArrayList<>();
            for (Endpoints.Subset subset : endpoints.subsets()) {
                for (Endpoints.Port port : subset.ports()) {
                    if (Objects.equals(blank(port.name()), blank(portName)) && port.port() != null
                            && (port.protocol() == null || port.protocol().equals("TCP"))) {
                        subset.addresses().forEach(a -> ready.add(new Destination.Endpoint(a.ip(), port.port())));
                    }
                }
            }
            return ready.stream().distinct().toList();
        }

        private static String blank(String value) {
            return value == null ? "" : value;
        }
    }
}
