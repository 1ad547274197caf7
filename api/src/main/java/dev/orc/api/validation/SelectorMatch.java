package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a schema-valid LabelSelector ({@code matchLabels} and {@code matchExpressions}) selects a set of labels.
 * Empty when the selector uses an operator this check does not know (the schema reports that).
 */
final class SelectorMatch {
    private SelectorMatch() {
    }

    static Optional<Boolean> matches(JsonNode selector, JsonNode labels) {
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> required = it.next();
            JsonNode actual = labels.get(required.getKey());
            if (actual == null || !actual.asText().equals(required.getValue().asText())) {
                return Optional.of(false);
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            JsonNode actual = labels.get(expression.path("key").asText());
            boolean valueListed = actual != null && contains(expression.path("values"), actual.asText());
            Boolean satisfied = switch (expression.path("operator").asText()) {
                case "In" -> valueListed;
                case "NotIn" -> !valueListed;
                case "Exists" -> actual != null;
                case "DoesNotExist" -> actual == null;
                default -> null;
            };
            if (satisfied == null) {
                return Optional.empty();
            }
            if (!satisfied) {
                return Optional.of(false);
            }
        }
        return Optional.of(true);
    }

    static boolean isEmpty(JsonNode selector) {
        return selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty();
    }

    private static boolean contains(JsonNode values, String value) {
        for (JsonNode candidate : values) {
            if (candidate.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
