package dev.orc.api.model;

import java.util.Objects;

/** Lets a pod onto (or stay on) nodes with a matching taint. */
public record Toleration(String key, String operator, String value, String effect, Long tolerationSeconds) {
    public static final String EQUAL = "Equal";
    public static final String EXISTS = "Exists";

    public static Toleration equal(String key, String value, String effect) {
        return new Toleration(key, EQUAL, value, effect, null);
    }

    public static Toleration exists(String key, String effect) {
        return new Toleration(key, EXISTS, null, effect, null);
    }

    /**
     * Kubernetes' rule: an empty effect matches every effect, an empty key with {@code Exists}
     * matches every taint, {@code Exists} ignores the value, and {@code Equal} (the default
     * operator) needs equal values, absent counting as empty.
     */
    public boolean tolerates(Taint taint) {
        if (!blank(effect) && !effect.equals(taint.effect())) {
            return false;
        }
        if (!blank(key) && !key.equals(taint.key())) {
            return false;
        }
        if (EXISTS.equals(operator)) {
            return true;
        }
        if (blank(operator) || EQUAL.equals(operator)) {
            return Objects.equals(orEmpty(value), orEmpty(taint.value()));
        }
        return false;
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
