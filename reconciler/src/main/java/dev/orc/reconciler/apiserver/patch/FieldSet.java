package dev.orc.reconciler.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields a manager owns, as server-side apply records them in {@code managedFields}: paths whose steps are
 * FieldsV1 keys, {@code f:NAME} for a field and {@code k:{"name":"web"}} for the item of a keyed list (containers,
 * ports, env, ...). A path names a value set whole (a scalar, an atomic list, an empty map) or the item of a keyed
 * list itself (FieldsV1's {@code "."}).
 */
record FieldSet(Set<List<String>> paths) {
    /** Fields of an object no manager owns: identity, server-set metadata, and status (written by its own subresource). */
    private static final Set<String> UNOWNED_METADATA = Set.of("name", "namespace", "uid", "resourceVersion",
            "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields",
            "selfLink", "generateName");
    private static final Set<String> UNOWNED_TOP = Set.of("apiVersion", "kind", "status");

    FieldSet {
        paths = Set.copyOf(paths);
    }

    static FieldSet empty() {
        return new FieldSet(Set.of());
    }

    /** Whether a manager may own {@code metadata.NAME}: not the object's identity nor what the server sets. */
    static boolean ownableMetadata(String name) {
        return !UNOWNED_METADATA.contains(name);
    }

    /** The fields an applied configuration sets. */
    static FieldSet of(ObjectNode applied) {
        Set<List<String>> paths = new HashSet<>();
        for (Map.Entry<String, JsonNode> field : applied.properties()) {
            if (UNOWNED_TOP.contains(field.getKey())) {
                continue;
            }
            if (field.getKey().equals("metadata") && field.getValue() instanceof ObjectNode metadata) {
                for (Map.Entry<String, JsonNode> meta : metadata.properties()) {
                    if (ownableMetadata(meta.getKey())) {
                        collect(List.of("f:metadata", "f:" + meta.getKey()), meta.getKey(), meta.getValue(), paths);
                    }
                }
                continue;
            }
            collect(List.of("f:" + field.getKey()), field.getKey(), field.getValue(), paths);
        }
        return new FieldSet(paths);
    }

    /** Adds the paths of {@code value}, set whole under {@code path} (whose last step names {@code field}). */
    static void collect(List<String> path, String field, JsonNode value, Set<List<String>> paths) {
        if (value instanceof ObjectNode object && !object.isEmpty()) {
            object.properties().forEach(e -> collect(append(path, "f:" + e.getKey()), e.getKey(), e.getValue(), paths));
            return;
        }
        String key = value instanceof ArrayNode list && !list.isEmpty() ? ListKeys.key(field, list) : null;
        if (key == null) {
            paths.add(path);
            return;
        }
        for (JsonNode item : value) {
            collectItem(append(path, itemStep(key, item)), key, item, paths);
        }
    }

    /** Adds the item of a keyed list at {@code itemPath} and the fields it sets besides its key. */
    static void collectItem(List<String> itemPath, String key, JsonNode item, Set<List<String>> paths) {
        paths.add(itemPath);
        item.properties().forEach(e -> {
            if (!e.getKey().equals(key)) {
                collect(append(itemPath, "f:" + e.getKey()), e.getKey(), e.getValue(), paths);
            }
        });
    }

    /** {@code k:{"name":"web"}}: the item of a keyed list. */
    static String itemStep(String key, JsonNode item) {
        ObjectNode id = Json.object();
        id.set(key, item.get(key));
        return "k:" + Json.write(id);
    }

    /** Reads a {@code fieldsV1} tree. */
    static FieldSet fromFieldsV1(JsonNode tree) {
        Set<List<String>> paths = new HashSet<>();
        read(List.of(), tree, paths);
        return new FieldSet(paths);
    }

    private static void read(List<String> path, JsonNode tree, Set<List<String>> paths) {
        if (!path.isEmpty() && (tree.isEmpty() || tree.has("."))) {
            paths.add(path);
        }
        tree.properties().forEach(e -> {
            if (!e.getKey().equals(".")) {
                read(append(path, e.getKey()), e.getValue(), paths);
            }
        });
    }

    /** The {@code fieldsV1} tree of these paths. */
    ObjectNode toFieldsV1() {
        ObjectNode root = Json.object();
        for (List<String> path : paths) {
            ObjectNode node = root;
            for (String step : path) {
                node = node.has(step) ? (ObjectNode) node.get(step) : node.putObject(step);
            }
        }
        for (List<String> path : paths) {
            ObjectNode node = root;
            for (String step : path) {
                node = (ObjectNode) node.get(step);
            }
            if (!node.isEmpty() && !node.has(".")) {
                node.putObject(".");
            }
        }
        return root;
    }

    boolean isEmpty() {
        return paths.isEmpty();
    }

    FieldSet minus(FieldSet other) {
        Set<List<String>> rest = new HashSet<>(paths);
        rest.removeAll(other.paths);
        return new FieldSet(rest);
    }

    FieldSet plus(FieldSet other) {
        Set<List<String>> all = new HashSet<>(paths);
        all.addAll(other.paths);
        return new FieldSet(all);
    }

    /** These paths but those at or under one of {@code prefixes}. */
    FieldSet withoutUnder(FieldSet prefixes) {
        if (prefixes.isEmpty()) {
            return this;
        }
        Set<List<String>> rest = new HashSet<>();
        for (List<String> path : paths) {
            boolean under = false;
            for (int length = 1; length <= path.size() && !under; length++) {
                under = prefixes.paths.contains(path.subList(0, length));
            }
            if (!under) {
                rest.add(path);
            }
        }
        return new FieldSet(rest);
    }

    FieldSet intersect(FieldSet other) {
        Set<List<String>> both = new HashSet<>(paths);
        both.retainAll(other.paths);
        return new FieldSet(both);
    }

    /** The paths, deepest first (so a removal never looks for a path whose parent is gone), then in text order. */
    List<List<String>> deepestFirst() {
        List<List<String>> sorted = new ArrayList<>(paths);
        sorted.sort(Comparator.<List<String>>comparingInt(List::size).reversed().thenComparing(FieldSet::text));
        return sorted;
    }

    /** {@code .spec.template.spec.containers[name="web"].image}, as Kubernetes names fields in conflicts. */
    static String text(List<String> path) {
        StringBuilder text = new StringBuilder();
        for (String step : path) {
            if (step.startsWith("f:")) {
                text.append('.').append(step.substring(2));
            } else {
                JsonNode id = Json.parse(step.substring(2));
                id.properties().forEach(e -> text.append('[').append(e.getKey()).append('=').append(e.getValue()).append(']'));
            }
        }
        return text.toString();
    }

    static List<String> append(List<String> path, String step) {
        List<String> longer = new ArrayList<>(path);
        longer.add(step);
        return List.copyOf(longer);
    }
}
