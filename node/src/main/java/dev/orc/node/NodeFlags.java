package dev.orc.node;

import dev.orc.api.model.Taint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code orc node} flags that have a syntax of their own, with messages naming the flag and value. */
public final class NodeFlags {
    private static final Set<String> EFFECTS = Set.of(Taint.NO_SCHEDULE, Taint.PREFER_NO_SCHEDULE, Taint.NO_EXECUTE);

    private NodeFlags() {
    }

    /** {@code k=v,k2=v2}. */
    public static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return labels;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--labels: expected key=value, got '" + pair + "'");
            }
            labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return labels;
    }

    /** {@code key=value:Effect,key:Effect}, as kubelet's {@code --register-with-taints}. */
    public static List<Taint> taints(String text) {
        List<Taint> taints = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return taints;
        }
        for (String item : text.split(",")) {
            int colon = item.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--taints: expected key=value:Effect, got '" + item + "'");
            }
            String effect = item.substring(colon + 1).trim();
            if (!EFFECTS.contains(effect)) {
                throw new IllegalArgumentException("--taints: effect of '" + item
                        + "' must be NoSchedule, PreferNoSchedule or NoExecute, got '" + effect + "'");
            }
            String keyValue = item.substring(0, colon);
            int eq = keyValue.indexOf('=');
            taints.add(Taint.of(eq < 0 ? keyValue.trim() : keyValue.substring(0, eq).trim(),
                    eq < 0 ? null : keyValue.substring(eq + 1).trim(), effect));
        }
        return taints;
    }
}
