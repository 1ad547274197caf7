package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Durations;
import dev.orc.api.model.GitSourceSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The rules a schema cannot express: relations between fields of one document. */
final class ManifestRules {
    private static final Set<ResourceType> SELECTOR_REQUIRED = Set.of(
            ResourceTypes.DEPLOYMENT, ResourceTypes.REPLICA_SET, ResourceTypes.DAEMON_SET, ResourceTypes.STATEFUL_SET);
    private static final List<String> GIT_REF_FIELDS = List.of("branch", "tag", "commit");

    private ManifestRules() {
    }

    static List<Problem> check(ResourceType type, JsonNode document) {
        List<Problem> problems = new ArrayList<>();
        nameOrGenerateName(document.path("metadata"), problems);
        if (SELECTOR_REQUIRED.contains(type) || type.equals(ResourceTypes.JOB)) {
            selectorMatchesTemplate(type, document.path("spec"), problems);
        }
        if (type.equals(ResourceTypes.SERVICE)) {
            service(document.path("spec"), problems);
        }
        if (type.equals(ResourceTypes.GIT_SOURCE)) {
            gitRef(document.path("spec").path("ref"), problems);
            gitInterval(document.path("spec").path("interval"), problems);
        }
        if (type.equals(ResourceTypes.CRON_JOB)) {
            CronJobRules.check(document.path("spec"), problems);
        }
        if (type.equals(ResourceTypes.POD_DISRUPTION_BUDGET)) {
            PodDisruptionBudgetRules.check(document.path("spec"), problems);
        }
        if (type.equals(ResourceTypes.INGRESS)) {
            IngressRules.check(document.path("spec"), problems);
        }
        SecurityContextRules.check(type, document, problems);
        if (type.equals(ResourceTypes.ENDPOINTS)) {
            EndpointsRules.check(document.path("subsets"), problems);
        }
        if (type.equals(ResourceTypes.CONFIG_MAP)) {
            DataKeyRules.check(document, List.of("data", "binaryData"), problems);
        }
        if (type.equals(ResourceTypes.SECRET)) {
            DataKeyRules.check(document, List.of("data", "stringData"), problems);
        }
        return problems;
    }

    private static void nameOrGenerateName(JsonNode metadata, List<Problem> problems) {
        if (metadata.isObject() && !metadata.has("name") && !metadata.has("generateName")) {
            problems.add(Problem.error("metadata", "required field missing: \"name\""));
        }
    }

    private static void selectorMatchesTemplate(ResourceType type, JsonNode spec, List<Problem> problems) {
        JsonNode selector = spec.path("selector");
        if (!selector.isObject()) {
            return;
        }
        if (SelectorMatch.isEmpty(selector)) {
            if (SELECTOR_REQUIRED.contains(type)) {
                problems.add(Problem.error("spec.selector", "must not be empty: select the pods by labels of spec.template.metadata.labels"));
            }
            return;
        }
        JsonNode labels = spec.path("template").path("metadata").path("labels");
        if (!labels.isMissingNode() && !labels.isObject()) {
            return;
        }
        if (SelectorMatch.matches(selector, labels).orElse(true)) {
            return;
        }
        problems.add(Problem.error("spec.selector", "does not match spec.template.metadata.labels"
                + (labels.isEmpty() ? " (the template has no labels)" : "")));
    }

    private static void service(JsonNode spec, List<Problem> problems) {
        if (!spec.isObject()) {
            return;
        }
        String type = spec.path("type").asText("ClusterIP");
        if (type.equals("ExternalName")) {
            if (!spec.hasNonNull("externalName")) {
                problems.add(Problem.error("spec", "required field missing: \"externalName\" (a Service of type ExternalName names the host it aliases)"));
            }
            return;
        }
        JsonNode ports = spec.path("ports");
        if (!ports.isArray() && !ports.isMissingNode()) {
            return;
        }
        boolean headless = "None".equals(spec.path("clusterIP").asText());
        if (ports.isEmpty() && !headless) {
            problems.add(Problem.error("spec", "required field missing: \"ports\""));
        }
        boolean nodePorts = type.equals("NodePort") || type.equals("LoadBalancer");
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i);
            String path = "spec.ports[" + i + "]";
            if (ports.size() > 1 && port.isObject() && !port.hasNonNull("name")) {
                problems.add(Problem.error(path, "required field missing: \"name\" (every port of a Service with several ports needs a name)"));
            }
            if (!nodePorts && port.has("nodePort")) {
                problems.add(Problem.error(path + ".nodePort", "only allowed when spec.type is NodePort or LoadBalancer, not " + type));
            }
        }
    }

    private static void gitInterval(JsonNode interval, List<Problem> problems) {
        if (!interval.isTextual()) {
            return;
        }
        Duration parsed;
        try {
            parsed = Durations.parse(interval.asText());
        } catch (IllegalArgumentException schemaReportsIt) {
            return;
        }
        if (parsed.compareTo(GitSourceSpec.MIN_INTERVAL) < 0) {
            problems.add(Problem.error("spec.interval", "must be at least 1s, got " + interval.asText()
                    + " (use a webhook to sync on push)"));
        }
    }

    private static void gitRef(JsonNode ref, List<Problem> problems) {
        List<String> set = GIT_REF_FIELDS.stream().filter(ref::has).toList();
        if (set.size() > 1) {
            problems.add(Problem.error("spec.ref", "set at most one of branch, tag and commit, not " + String.join(" and ", set)));
        }
    }
}
