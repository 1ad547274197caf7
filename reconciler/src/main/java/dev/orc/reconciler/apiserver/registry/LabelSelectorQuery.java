package dev.orc.reconciler.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.orc.api.status.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code labelSelector} query parameter in its string form ({@code app=web,tier!=db,env in (a,b),!legacy})
 * and whether an object's labels match it.
 */
public record LabelSelectorQuery(List<Requirement> requirements) {
    private static final Pattern SET_FORM = Pattern.compile("^\\s*(!?)\\s*([^\\s!=(),]+)\\s*(?:(in|notin)\\s*\\(([^)]*)\\))?\\s*$");
    private static final Pattern EQUALITY_FORM = Pattern.compile("^\\s*([^\\s!=(),]+)\\s*(==|=|!=)\\s*([^\\s!=(),]*)\\s*$");

    public enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

    public record Requirement(String key, Operator operator, Set<String> values) {
        public Requirement {
            values = Set.copyOf(values);
        }

        boolean matches(JsonNode labels) {
            JsonNode value = labels == null ? null : labels.get(key);
            boolean present = value != null && !value.isNull();
            String text = present ? value.asText() : null;
            return switch (operator) {
                case EQUALS, IN -> present && values.contains(text);
                case NOT_EQUALS, NOT_IN -> !present || !values.contains(text);
                case EXISTS -> present;
                case DOES_NOT_EXIST -> !present;
            };
        }
    }

    public LabelSelectorQuery {
        requirements = List.copyOf(requirements);
    }

    public static LabelSelectorQuery everything() {
        return new LabelSelectorQuery(List.of());
    }

    public static LabelSelectorQuery parse(String text) {
        List<Requirement> requirements = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            if (!part.isBlank()) {
                requirements.add(requirement(part, text));
            }
        }
        return new LabelSelectorQuery(requirements);
    }

    public boolean matches(ObjectNode object) {
        JsonNode labels = object.path("metadata").get("labels");
        return requirements.stream().allMatch(r -> r.matches(labels));
    }

    private static Requirement requirement(String part, String whole) {
        Matcher eq = EQUALITY_FORM.matcher(part);
        if (eq.matches()) {
            Operator op = eq.group(2).equals("!=") ? Operator.NOT_EQUALS : Operator.EQUALS;
            return new Requirement(eq.group(1), op, Set.of(eq.group(3)));
        }
        Matcher set = SET_FORM.matcher(part);
        if (set.matches()) {
            boolean negated = !set.group(1).isEmpty();
            if (set.group(3) == null) {
                return new Requirement(set.group(2), negated ? Operator.DOES_NOT_EXIST : Operator.EXISTS, Set.of());
            }
            if (!negated) {
                Set<String> values = new java.util.HashSet<>();
                for (String v : set.group(4).split(",")) {
                    if (!v.isBlank()) {
                        values.add(v.trim());
                    }
                }
                return new Requirement(set.group(2), set.group(3).equals("in") ? Operator.IN : Operator.NOT_IN, values);
            }
        }
        throw new ApiException.BadRequest("unable to parse requirement \"" + part.trim() + "\" in label selector \""
                + whole + "\"");
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
