package dev.orc.api.model;

import java.util.List;
import java.util.Map;

/**
 * One node affinity condition on a node's labels (or, in {@code matchFields}, its fields):
 * {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}, {@code Gt}, {@code Lt}.
 * {@code Gt} and {@code Lt} compare a single integer value with an integer label; anything that
 * is not an integer does not match. An unknown operator matches nothing.
 */
public record NodeSelectorRequirement(String key, String operator, @OmitEmpty List<String> values) {
    public static final String IN = "In";
    public static final String NOT_IN = "NotIn";
    public static final String EXISTS = "Exists";
    public static final String DOES_NOT_EXIST = "DoesNotExist";
    public static final String GT = "Gt";
    public static final String LT = "Lt";

    public NodeSelectorRequirement {
        values = Immutable.list(values);
    }

    public static NodeSelectorRequirement of(String key, String operator, String... values) {
        return new NodeSelectorRequirement(key, operator, List.of(values));
    }

    public boolean matches(Map<String, String> labels) {
        boolean has = labels != null && labels.containsKey(key);
        String value = has ? labels.get(key) : null;
        return switch (operator == null ? "" : operator) {
            case IN -> has && values.contains(value);
            case NOT_IN -> !has || !values.contains(value);
            case EXISTS -> has;
            case DOES_NOT_EXIST -> !has;
            case GT -> has && compare(value) > 0;
            case LT -> has && compare(value) < 0;
            default -> false;
        };
    }

    /** Sign of (label - wanted), or 0 when either is not an integer (which matches neither Gt nor Lt). */
    private int compare(String label) {
        if (values.size() != 1) {
            return 0;
        }
        try {
            return Long.compare(Long.parseLong(label), Long.parseLong(values.getFirst()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
