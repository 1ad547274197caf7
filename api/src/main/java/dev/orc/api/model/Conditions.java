package dev.orc.api.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Operations on a status's list of conditions, shared by every kind that has one. */
public final class Conditions {
    private Conditions() {
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.type())).findFirst();
    }

    /**
     * The list with {@code condition} in place of the one of the same type (or appended).
     * When the status did not change, the old {@code lastTransitionTime} is kept, as Kubernetes does.
     */
    public static List<Condition> put(List<Condition> conditions, Condition condition) {
        List<Condition> out = new ArrayList<>(conditions.size() + 1);
        boolean replaced = false;
        for (Condition existing : conditions) {
            if (existing.type() != null && existing.type().equals(condition.type())) {
                boolean same = existing.status() != null && existing.status().equals(condition.status());
                out.add(same && existing.lastTransitionTime() != null
                        ? condition.withLastTransitionTime(existing.lastTransitionTime()) : condition);
                replaced = true;
            } else {
                out.add(existing);
            }
        }
        if (!replaced) {
            out.add(condition);
        }
        return List.copyOf(out);
    }
}
