package dev.orc.api.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Label maps and selectors in the text form users type: {@code app=web,tier in (a,b)}. */
public final class Selectors {
    private Selectors() {
    }

    /** {@code app=web,tier=db}; empty for a missing or empty map. */
    public static String formatMap(JsonNode map) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            parts.add(entry.getKey() + "=" + entry.getValue().asText());
        }
        return String.join(",", parts);
    }

    /** A LabelSelector ({@code matchLabels} and {@code matchExpressions}) as text; {@code <none>} when empty. */
    public static String format(JsonNode selector) {
        String text = selectorString(selector);
        return text.isEmpty() ? "<none>" : text;
    }

    /**
     * A LabelSelector in its string form ({@code app=web,tier in (a,b)}), as a Scale's {@code status.selector}
     * carries it; empty when it selects by nothing.
     */
    public static String selectorString(JsonNode selector) {
        List<String> parts = new ArrayList<>();
        String labels = formatMap(selector.path("matchLabels"));
        if (!labels.isEmpty()) {
            parts.add(labels);
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            parts.add(switch (expression.path("operator").asText()) {
                case "In" -> key + " in (" + String.join(",", values) + ")";
                case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
                case "DoesNotExist" -> "!" + key;
                default -> key;
            });
        }
        return String.join(",", parts);
    }
}
