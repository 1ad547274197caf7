package dev.orc.api.ingress;

import dev.orc.api.json.Json;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Ingress;
import dev.orc.api.model.IngressClass;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Service;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableBuilderTest {
    private static final List<IngressClass> CLASSES = List.of(IngressClass.orc(), cls("nginx", "k8s.io/ingress-nginx"));
    private static final List<Service> SERVICES = List.of(
            read(Service.class, "{metadata: {name: web, namespace: shop}, spec: {ports: [{name: http, port: 80}]}}"),
            read(Service.class, "{metadata: {name: api, namespace: shop}, spec: {ports: [{port: 8080}]}}"));
    private static final List<Endpoints> ENDPOINTS = List.of(
            read(Endpoints.class, "{metadata: {name: web, namespace: shop}, subsets: [{addresses: [{ip: 10.0.0.1}, "
                    + "{ip: 10.0.0.2}], notReadyAddresses: [{ip: 10.0.0.3}], ports: [{name: http, port: 31001}]}]}"),
            read(Endpoints.class, "{metadata: {name: api, namespace: shop}, subsets: [{addresses: [{ip: 10.0.0.1}], "
                    + "ports: [{port: 32000}]}]}"));

    @Test
    void routesByHostAndPathToTheReadyEndpointsOfTheServicePort() {
        RouteTable table = build(ingress("web", "2024-01-01T00:00:00Z", """
                spec:
                  tls: [{hosts: [web.localhost], secretName: web-tls}]
                  rules:
                    - host: web.localhost
                      http:
                        paths:
                          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
                          - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 8080}}}}
                """));

        Destination web = table.router().route("web.localhost", "/index.html").orElseThrow().target();
        Destination api = table.router().route("web.localhost", "/api/v1").orElseThrow().target();

        assertThat(web.endpoints()).extracting(Destination.Endpoint::toString).containsExactly("10.0.0.1:31001", "10.0.0.2:31001");
        assertThat(web.tls("web.localhost")).isTrue();
        assertThat(api.tls("other.localhost")).isFalse();
        assertThat(api.service()).isEqualTo("shop/api");
        assertThat(api.endpoints()).extracting(Destination.Endpoint::toString).containsExactly("10.0.0.1:32000");
        assertThat(table.router().route("other.localhost", "/")).isEmpty();
        assertThat(table.tlsFor("web.localhost")).map(TlsBinding::secretKey).contains("shop/web-tls");
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void theOlderIngressKeepsAContestedPathAndTheNewerIsReported() {
        String spec = """
                spec:
                  defaultBackend: {service: {name: api, port: {number: 8080}}}
                  rules: [{host: a.localhost, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: %s, port: {number: %s}}}}]}}]
                """;
        RouteTable table = build(ingress("newer", "2024-02-01T00:00:00Z", spec.formatted("api", 8080)),
                ingress("older", "2024-01-01T00:00:00Z", spec.formatted("web", 80)));

        assertThat(table.router().route("a.localhost", "/").orElseThrow().target().ingress()).isEqualTo("shop/older");
        assertThat(table.problemsOf("shop", "newer")).extracting(IngressProblem::reason, IngressProblem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Conflict",
                                "spec.defaultBackend: the default backend is already Ingress shop/older's"),
                        org.assertj.core.groups.Tuple.tuple("Conflict",
                                "spec.rules[0].http.paths[0]: host \"a.localhost\" path \"/\" is already served by Ingress shop/older"));
        assertThat(table.problemsOf("shop", "older")).isEmpty();
    }

    @Test
    void ingressesOfAnotherControllersClassAreLeftAlone() {
        RouteTable table = build(ingress("theirs", "2024-01-01T00:00:00Z", """
                spec:
                  ingressClassName: nginx
                  defaultBackend: {service: {name: web, port: {number: 80}}}
                """));

        assertThat(table.router().route("x", "/")).isEmpty();
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void aMissingServiceOrPortIsReportedAndServedAsNoEndpoint() {
        RouteTable table = build(ingress("web", "2024-01-01T00:00:00Z", """
                spec:
                  rules:
                    - http:
                        paths:
                          - {path: /gone, pathType: Exact, backend: {service: {name: gone, port: {number: 80}}}}
                          - {path: /web, pathType: Exact, backend: {service: {name: web, port: {name: grpc}}}}
                """));

        assertThat(table.router().route("any", "/gone").orElseThrow().target().endpoints()).isEmpty();
        assertThat(table.problems()).extracting(IngressProblem::message)
                .containsExactly("service \"gone\" not found", "service \"web\" has no port grpc");
    }

    @Test
    void unsupportedNginxAnnotationsAreReportedAndSupportedOnesApplied() {
        Ingress ingress = ingress("web", "2024-01-01T00:00:00Z", """
                spec:
                  defaultBackend: {service: {name: web, port: {number: 80}}}
                """);
        ingress = ingress.withMetadata(ingress.metadata().withAnnotations(Map.of(
                IngressOptions.PROXY_BODY_SIZE, "8m", IngressOptions.PROXY_READ_TIMEOUT, "5",
                IngressOptions.REWRITE_TARGET, "/", "nginx.ingress.kubernetes.io/limit-rps", "10")));

        RouteTable table = build(ingress);
        IngressOptions options = table.router().route("x", "/").orElseThrow().target().options();

        assertThat(options.bodyLimit()).isEqualTo(8L * 1024 * 1024);
        assertThat(options.readTimeout()).hasSeconds(5);
        assertThat(options.rewriteTarget()).isEqualTo("/");
        assertThat(table.problems()).extracting(IngressProblem::message)
                .containsExactly("nginx.ingress.kubernetes.io/limit-rps is not supported by orc's ingress and is ignored");
    }

    @Test
    void regexPathsMatchTheStartCaseInsensitivelyAndCaptureGroupsForTheRewrite() {
        Ingress ingress = ingress("web", "2024-01-01T00:00:00Z", """
                spec:
                  rules:
                    - http:
                        paths:
                          - {path: "/api(/|$)(.*)", pathType: ImplementationSpecific, backend: {service: {name: web, port: {number: 80}}}}
                          - {path: "/(", pathType: ImplementationSpecific, backend: {service: {name: web, port: {number: 80}}}}
                """);
        ingress = ingress.withMetadata(ingress.metadata().withAnnotations(Map.of(IngressOptions.REWRITE_TARGET, "/$2")));

        RouteTable table = build(ingress);

        IngressRouter.Match<Destination> match = table.router().route("x", "/API/v1/items").orElseThrow();
        assertThat(match.target().options().regexPaths()).isTrue();
        assertThat(match.captures()).containsExactly("/API/v1/items", "/", "v1/items");
        assertThat(table.router().route("x", "/api").orElseThrow().captures()).containsExactly("/api", "", "");
        assertThat(table.router().route("x", "/apix")).isEmpty();
        assertThat(table.problems()).extracting(IngressProblem::reason, IngressProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(IngressProblem.INVALID_PATH, "spec.rules[0].http.paths[1]: path \"/(\" "
                        + "is not a valid regular expression: Unclosed group"));
    }

    private static RouteTable build(Ingress... ingresses) {
        return RouteTableBuilder.build(List.of(ingresses), CLASSES, SERVICES, ENDPOINTS);
    }

    private static Ingress ingress(String name, String created, String yaml) {
        Ingress ingress = read(Ingress.class, yaml);
        ObjectMeta meta = ObjectMeta.of("shop", name);
        return ingress.withMetadata(new ObjectMeta(meta.name(), null, "shop", null, null, null, created, null, null,
                null, null, null, null));
    }

    private static IngressClass cls(String name, String controller) {
        return new IngressClass(IngressClass.API_VERSION, IngressClass.KIND, ObjectMeta.named(name),
                new IngressClass.Spec(controller));
    }

    private static <T> T read(Class<T> type, String yaml) {
        return Json.convert(Json.mapper().valueToTree(new Yaml().load(yaml)), type);
    }
}
