package dev.orc.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.table.Columns;
import dev.orc.api.table.IngressSummary;
import dev.orc.api.ingress.Destination;
import dev.orc.api.ingress.RouteTableBuilder;
import dev.orc.api.json.Json;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Ingress;
import dev.orc.api.model.IngressSpec;
import dev.orc.api.model.Service;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The Ingress section of {@code orc describe}, as kubectl lays it out: address, class, default backend, TLS, and a
 * table of rules whose backends show the endpoints they resolve to now ({@code <error: ...>} when they lead nowhere).
 */
final class IngressDescription {
    private final Ingress ingress;
    private final List<Service> services;
    private final List<Endpoints> endpoints;
    private final StringBuilder out = new StringBuilder();

    private IngressDescription(Ingress ingress, List<Service> services, List<Endpoints> endpoints) {
        this.ingress = ingress;
        this.services = services;
        this.endpoints = endpoints;
    }

    /** {@code related}: the Services and Endpoints of the Ingress's namespace. */
    static String of(JsonNode object, List<JsonNode> related) {
        List<Service> services = related.stream().filter(o -> "Service".equals(o.path("kind").asText()))
                .map(o -> Json.convert(o, Service.class)).toList();
        List<Endpoints> endpoints = related.stream().filter(o -> "Endpoints".equals(o.path("kind").asText()))
                .map(o -> Json.convert(o, Endpoints.class)).toList();
        return new IngressDescription(Json.convert(object, Ingress.class), services, endpoints).render(object);
    }

    private String render(JsonNode object) {
        IngressSpec spec = ingress.spec() == null ? new IngressSpec(null, null, List.of(), List.of()) : ingress.spec();
        field("Address", IngressSummary.address(object));
        field("Ingress Class", Columns.orNone(spec.ingressClassName() == null ? "" : spec.ingressClassName()));
        field("Default backend", spec.defaultBackend() == null ? "<default>" : backend(spec.defaultBackend()));
        if (!spec.tls().isEmpty()) {
            out.append("TLS:\n");
            for (IngressSpec.Tls tls : spec.tls()) {
                out.append("  ").append(tls.secretName() == null ? "SNI" : tls.secretName()).append(" terminates ")
                        .append(String.join(",", tls.hosts())).append('\n');
            }
        }
        out.append("Rules:\n");
        out.append("  Host        Path  Backends\n");
        out.append("  ----        ----  --------\n");
        for (IngressSpec.Rule rule : spec.rules()) {
            out.append("  ").append(rule.host() == null || rule.host().isEmpty() ? "*" : rule.host()).append('\n');
            if (rule.http() == null) {
                continue;
            }
            for (IngressSpec.Path path : rule.http().paths()) {
                out.append("              ").append(path.path() == null ? "/" : path.path()).append("   ")
                        .append(backend(path.backend())).append('\n');
            }
        }
        return out.toString();
    }

    private String backend(IngressSpec.Backend backend) {
        if (backend == null || backend.service() == null) {
            return "<none>";
        }
        String name = backend.service().name() + ":" + backend.service().port();
        if (services.stream().noneMatch(s -> backend.service().name().equals(s.name()))) {
            return name + " (<error: service \"" + backend.service().name() + "\" not found>)";
        }
        Destination destination = RouteTableBuilder.resolve(ingress, backend, services, endpoints);
        return name + " (" + (destination.endpoints().isEmpty() ? "<none>"
                : destination.endpoints().stream().map(Destination.Endpoint::toString).collect(Collectors.joining(",")))
                + ")";
    }

    private void field(String name, String value) {
        String label = name + ":";
        out.append(label).append(" ".repeat(Math.max(1, 18 - label.length()))).append(value).append('\n');
    }
}
