package dev.orc.reconciler.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a write changed, as server-side apply's bookkeeping needs it: {@code set}, the fields it added or gave
 * another value (paths as in {@link FieldSet}), and {@code removed}, the paths whose old value is gone with all
 * beneath it (a field dropped, a keyed list's item dropped, a value replaced by one of another shape).
 */
record FieldChanges(FieldSet set, FieldSet removed) {

    boolean isEmpty() {
        return set.isEmpty() && removed.isEmpty();
    }

    /**
     * The changes from {@code before} ({@code null}: the object is new) to {@code after} in {@code part}: the
     * object's own fields (not its identity, server-set metadata or status) or, for {@code "status"}, its status.
     */
    static FieldChanges between(ObjectNode before, ObjectNode after, String part) {
        Walk walk = new Walk();
        ObjectNode old = before == null ? Json.object() : before;
        if ("status".equals(part)) {
            walk.compare(List.of("f:status"), "status", old.get("status"), after.get("status"));
        } else {
            for (String field : names(old, after)) {
                if (field.equals("metadata")) {
                    walk.metadata(old.path("metadata"), after.path("metadata"));
                } else if (!field.equals("apiVersion") && !field.equals("kind") && !field.equals("status")) {
                    walk.compare(List.of("f:" + field), field, old.get(field), after.get(field));
                }
            }
        }
        return new FieldChanges(new FieldSet(walk.set), new FieldSet(walk.removed));
    }

    private static Set<String> names(JsonNode before, JsonNode after) {
        Set<String> names = new java.util.LinkedHashSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** One comparison's accumulated paths. */
    private static final class Walk {
        private final Set<List<String>> set = new HashSet<>();
        private final Set<List<String>> removed = new HashSet<>();

        void metadata(JsonNode before, JsonNode after) {
            for (String field : names(before, after)) {
                if (FieldSet.ownableMetadata(field)) {
                    compare(List.of("f:metadata", "f:" + field), field, before.get(field), after.get(field));
                }
            }
        }

        /** The value of {@code field} at {@code path} was {@code before} and is {@code after}; null when absent. */
        void compare(List<String> path, String field, JsonNode before, JsonNode after) {
            if (before == null && after == null || before != null && after != null && Json.same(before, after)) {
                return;
            }
            if (after == null) {
                removed.add(path);
            } else if (before == null) {
                FieldSet.collect(path, field, after, set);
            } else if (before instanceof ObjectNode from && after instanceof ObjectNode to) {
                for (String name : names(from, to)) {
                    compare(FieldSet.append(path, "f:" + name), name, from.get(name), to.get(name));
                }
            } else if (before instanceof ArrayNode from && after instanceof ArrayNode to && !from.isEmpty() && !to.isEmpty()
                    && ListKeys.key(field, from) != null && ListKeys.key(field, from).equals(ListKeys.key(field, to))) {
                items(path, ListKeys.key(field, from), from, to);
            } else {
                removed.add(path);
                FieldSet.collect(path, field, after, set);
            }
        }

        private void items(List<String> path, String key, ArrayNode before, ArrayNode after) {
            Map<String, JsonNode> old = new java.util.HashMap<>();
            before.forEach(item -> old.put(FieldSet.itemStep(key, item), item));
            Set<String> kept = new HashSet<>();
            for (JsonNode item : after) {
                String step = FieldSet.itemStep(key, item);
                List<String> itemPath = FieldSet.append(path, step);
                JsonNode was = old.get(step);
                kept.add(step);
                if (was == null) {
                    FieldSet.collectItem(itemPath, key, item, set);
                    continue;
                }
                for (String name : names(was, item)) {
                    if (!name.equals(key)) {
                        compare(FieldSet.append(itemPath, "f:" + name), name, was.get(name), item.get(name));
                    }
                }
            }
            old.keySet().stream().filter(step -> !kept.contains(step)).forEach(step -> removed.add(FieldSet.append(path, step)));
        }
    }
}
