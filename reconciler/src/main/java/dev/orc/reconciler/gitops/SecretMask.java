package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.apply.LastApplied;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Hides a Secret's values in a preview as {@code kubectl diff} does: a value the sync leaves alone shows as
 * {@code ***}, one it changes as {@code *** (before)} and {@code *** (after)}, so a diff still says which keys change
 * without printing what they hold. The last-applied annotation, which holds the values as written, is dropped.
 */
final class SecretMask {
    private static final List<String> FIELDS = List.of("data", "stringData");

    private SecretMask() {
    }

    /** Masks both objects in place; either may be null (a create or a prune). */
    static void mask(ObjectNode before, ObjectNode after) {
        dropLastApplied(before);
        dropLastApplied(after);
        for (String field : FIELDS) {
            ObjectNode old = values(before, field);
            ObjectNode changed = values(after, field);
            Set<String> differing = new HashSet<>();
            if (old != null) {
                old.fieldNames().forEachRemaining(key -> {
                    if (changed == null || !Objects.equals(old.get(key), changed.get(key))) {
                        differing.add(key);
                    }
                });
            }
            if (changed != null) {
                changed.fieldNames().forEachRemaining(key -> {
                    if (old == null || !Objects.equals(changed.get(key), old.get(key))) {
                        differing.add(key);
                    }
                });
            }
            hide(old, differing, "*** (before)");
            hide(changed, differing, "*** (after)");
        }
    }

    private static void hide(ObjectNode values, Set<String> differing, String changedMark) {
        if (values == null) {
            return;
        }
        for (String key : List.copyOf(values.properties().stream().map(Map.Entry::getKey).toList())) {
            values.put(key, differing.contains(key) ? changedMark : "***");
        }
    }

    private static void dropLastApplied(ObjectNode object) {
        if (object != null && object.path("metadata").get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(LastApplied.ANNOTATION);
        }
    }

    private static ObjectNode values(ObjectNode object, String field) {
        return object != null && object.get(field) instanceof ObjectNode values ? values : null;
    }
}
