package dev.orc.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A field that holds either an integer or a string: a port number or a port name, a count or a
 * percentage ({@code maxSurge: 25%}). Exactly one of the two values is set.
 */
public record IntOrString(Integer intValue, String strValue) {

    public IntOrString {
        if ((intValue == null) == (strValue == null)) {
            throw new IllegalArgumentException("exactly one of an integer and a string must be given");
        }
    }

    public static IntOrString of(int value) {
        return new IntOrString(value, null);
    }

    public static IntOrString of(String value) {
        return new IntOrString(null, value);
    }

    public static IntOrString percent(int percent) {
        return of(percent + "%");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static IntOrString fromJson(JsonNode node) {
        if (node.canConvertToInt() && node.isIntegralNumber()) {
            return of(node.intValue());
        }
        if (node.isTextual()) {
            return of(node.textValue());
        }
        throw new IllegalArgumentException("expected an integer or a string, got " + node);
    }

    @JsonValue
    Object json() {
        return intValue != null ? intValue : strValue;
    }

    public boolean isInt() {
        return intValue != null;
    }

    /**
     * The value against a total, as Kubernetes computes {@code maxSurge} (rounded up) and
     * {@code maxUnavailable} (rounded down): an integer is itself, {@code "25%"} is a quarter of total.
     */
    public int scaledValue(int total, boolean roundUp) {
        if (intValue != null) {
            return intValue;
        }
        if (!strValue.endsWith("%")) {
            throw new IllegalArgumentException("invalid value \"" + strValue + "\": expected an integer or a percentage like 25%");
        }
        int percent;
        try {
            percent = Integer.parseInt(strValue.substring(0, strValue.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value \"" + strValue + "\": expected an integer or a percentage like 25%");
        }
        long product = (long) total * percent;
        return (int) (roundUp ? Math.ceilDiv(product, 100) : Math.floorDiv(product, 100));
    }

    @Override
    public String toString() {
        return String.valueOf(json());
    }
}
