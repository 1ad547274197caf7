package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * An Ingress's rules between fields, worded as kube-apiserver's validation words them: a default backend or rules,
 * absolute paths for Exact and Prefix, exactly one backend kind and exactly one of a port's name and number. Parts
 * of the wrong JSON type are left to the schema, which names them.
 */
final class IngressRules {
    private IngressRules() {
    }

    static void check(JsonNode spec, List<Problem> problems) {
        if (!spec.isObject()) {
            return;
        }
        if (!spec.has("defaultBackend") && spec.path("rules").isEmpty()) {
            problems.add(Problem.error("spec", "either `defaultBackend` or `rules` must be specified"));
        }
        if (spec.has("defaultBackend")) {
            backend("spec.defaultBackend", spec.path("defaultBackend"), problems);
        }
        JsonNode rules = spec.path("rules");
        for (int i = 0; rules.isArray() && i < rules.size(); i++) {
            JsonNode paths = rules.get(i).path("http").path("paths");
            for (int j = 0; paths.isArray() && j < paths.size(); j++) {
                if (!paths.get(j).isObject()) {
                    continue;
                }
                String at = "spec.rules[" + i + "].http.paths[" + j + "]";
                path(at, paths.get(j), problems);
                backend(at + ".backend", paths.get(j).path("backend"), problems);
            }
        }
    }

    private static void path(String at, JsonNode path, List<Problem> problems) {
        String type = path.path("pathType").asText("");
        String value = path.path("path").asText("");
        boolean strict = type.equals("Exact") || type.equals("Prefix");
        if ((strict || !value.isEmpty()) && !value.startsWith("/")) {
            problems.add(Problem.error(at + ".path", "must be an absolute path, got \"" + value + "\""));
        } else if (strict && (value.contains("//") || value.matches(".*/\\.{1,2}(/.*)?$"))) {
            problems.add(Problem.error(at + ".path", "must not contain '//', '/./' or '/../', got \"" + value + "\""));
        }
    }

    private static void backend(String at, JsonNode backend, List<Problem> problems) {
        boolean service = backend.has("service");
        if (service == backend.has("resource")) {
            problems.add(Problem.error(at, "one backend (service or resource) must be specified, not "
                    + (service ? "both" : "neither")));
            return;
        }
        JsonNode port = backend.path("service").path("port");
        if (service && port.has("name") == port.has("number")) {
            problems.add(Problem.error(at + ".service.port", port.has("name")
                    ? "may specify a port name or number, not both" : "port name or number is required"));
        }
    }
}
