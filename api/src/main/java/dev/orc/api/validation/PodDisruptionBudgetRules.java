package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A PodDisruptionBudget sets at most one of minAvailable and maxUnavailable, and neither as a percentage above 100,
 * worded as kube-apiserver's validation words it.
 */
final class PodDisruptionBudgetRules {
    private PodDisruptionBudgetRules() {
    }

    static void check(JsonNode spec, List<Problem> problems) {
        if (spec.hasNonNull("minAvailable") && spec.hasNonNull("maxUnavailable")) {
            problems.add(Problem.error("spec", "minAvailable and maxUnavailable cannot be both set"));
        }
        for (String field : List.of("minAvailable", "maxUnavailable")) {
            JsonNode value = spec.path(field);
            if (value.isTextual() && value.asText().matches("[0-9]+%")
                    && Long.parseLong(value.asText().substring(0, value.asText().length() - 1)) > 100) {
                problems.add(Problem.error("spec." + field, "must not be greater than 100%"));
            }
        }
    }
}
