package dev.orc.api.model;

import java.util.List;
import java.util.Map;

/**
 * One {@code matchExpressions} entry: {@code key} with operator {@code In}, {@code NotIn},
 * {@code Exists} or {@code DoesNotExist}. A view is lenient: an unknown operator matches nothing
 * (the schema validator is what rejects it).
 */
public record LabelSelectorRequirement(String key, String operator, @OmitEmpty List<String> values) {
    public static final String IN = "In";
    public static final String NOT_IN = "NotIn";
    public static final String EXISTS = "Exists";
    public static final String DOES_NOT_EXIST = "DoesNotExist";

    public LabelSelectorRequirement {
        values = Immutable.list(values);
    }

    public static LabelSelectorRequirement in(String key, String... values) {
        return new LabelSelectorRequirement(key, IN, List.of(values));
    }

    public static LabelSelectorRequirement notIn(String key, String... values) {
        return new LabelSelectorRequirement(key, NOT_IN, List.of(values));
    }

    public static LabelSelectorRequirement exists(String key) {
        return new LabelSelectorRequirement(key, EXISTS, List.of());
    }

    public static LabelSelectorRequirement doesNotExist(String key) {
        return new LabelSelectorRequirement(key, DOES_NOT_EXIST, List.of());
    }

    public boolean matches(Map<String, String> labels) {
        boolean has = labels != null && labels.containsKey(key);
        String value = has ? labels.get(key) : null;
        return switch (operator == null ? "" : operator) {
            case IN -> has && values.contains(value);
            case NOT_IN -> !has || !values.contains(value);
            case EXISTS -> has;
            case DOES_NOT_EXIST -> !has;
            default -> false;
        };
    }

    /** The string form: {@code env in (a,b)}, {@code tier!=db}, {@code tier notin (a,b)}, {@code release}, {@code !legacy}. */
    @Override
    public String toString() {
        return switch (operator == null ? "" : operator) {
            case IN -> key + " in (" + String.join(",", values) + ")";
            case NOT_IN -> values.size() == 1 ? key + "!=" + values.getFirst() : key + " notin (" + String.join(",", values) + ")";
            case EXISTS -> key;
            case DOES_NOT_EXIST -> "!" + key;
            default -> key + " " + operator + " (" + String.join(",", values) + ")";
        };
    }
}
