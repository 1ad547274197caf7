package dev.orc.api.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An Ingress is refused as kube-apiserver refuses it, naming the field. */
class IngressValidationTest {
    private static final String INGRESS = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: web
            spec:
              ingressClassName: orc
              tls:
                - hosts: [web.localhost, "*.apps.localhost"]
                  secretName: web-tls
              rules:
                - host: web.localhost
                  http:
                    paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service: {name: web, port: {number: 80}}
                      - path: /api/v1
                        pathType: Exact
                        backend:
                          service: {name: api, port: {name: http}}
                - host: "*.apps.localhost"
                  http:
                    paths:
                      - pathType: ImplementationSpecific
                        backend:
                          service: {name: web, port: {number: 80}}
            """;

    private final ManifestValidator validator = ManifestValidator.standard();

    private List<Problem> validate(Manifests.Editable document) {
        return validator.validate(document.node());
    }

    @Test
    void acceptsHostsWildcardsAndEveryPathType() {
        assertThat(validate(Manifests.one(INGRESS))).isEmpty();
    }

    @Test
    void acceptsADefaultBackendAlone() {
        assertThat(validate(Manifests.one(INGRESS).remove("/spec/rules").remove("/spec/tls")
                .set("/spec/defaultBackend", Map.of("service", Map.of("name", "web", "port", Map.of("number", 80))))))
                .isEmpty();
    }

    @Test
    void refusesAnIngressWithNeitherRulesNorDefaultBackend() {
        assertThat(validate(Manifests.one(INGRESS).remove("/spec/rules")))
                .extracting(Problem::path, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("spec",
                        "either `defaultBackend` or `rules` must be specified"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "/a//b", "/a/../b"})
    void refusesAPrefixPathThatIsNotAClean(String path) {
        assertThat(validate(Manifests.one(INGRESS).set("/spec/rules/0/http/paths/0/path", path)))
                .extracting(Problem::path).containsExactly("spec.rules[0].http.paths[0].path");
    }

    @Test
    void refusesAnUnknownPathType() {
        assertThat(validate(Manifests.one(INGRESS).set("/spec/rules/0/http/paths/0/pathType", "Regex")))
                .extracting(Problem::path).containsExactly("spec.rules[0].http.paths[0].pathType");
    }

    @Test
    void refusesAPortWithBothNameAndNumber() {
        assertThat(validate(Manifests.one(INGRESS).set("/spec/rules/0/http/paths/0/backend/service/port/name", "http")))
                .extracting(Problem::path, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("spec.rules[0].http.paths[0].backend.service.port",
                        "may specify a port name or number, not both"));
    }

    @Test
    void refusesAPathWithoutBackend() {
        assertThat(validate(Manifests.one(INGRESS).remove("/spec/rules/1/http/paths/0/backend")))
                .extracting(Problem::path).contains("spec.rules[1].http.paths[0]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Web.localhost", "*.*.localhost", "a.*.localhost", "web_1.localhost"})
    void refusesAHostThatIsNoNameOrWildcardOfOneLabel(String host) {
        assertThat(validate(Manifests.one(INGRESS).set("/spec/rules/0/host", host)))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.path()).isEqualTo("spec.rules[0].host");
                    assertThat(problem.message()).contains("optionally starting with '*.'");
                });
    }

    @Test
    void refusesAFieldIngressDoesNotHave() {
        assertThat(validate(Manifests.one(INGRESS).set("/spec/rules/0/http/paths/0/weight", 3)))
                .extracting(Problem::path, Problem::message).containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "spec.rules[0].http.paths[0].weight", "unknown field \"weight\""));
    }
}
