package dev.orc.reconciler.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.status.ApiException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-side apply as Kubernetes does it: a manager sends the fields it wants ({@code application/apply-patch+yaml});
 * a field another manager owns with another value is a conflict (409 naming each field and its manager) unless
 * forced, which moves the field to the applier; fields the applier set last time and no longer sets are removed when
 * no other manager owns them; who owns what is kept in {@code metadata.managedFields} (FieldsV1), where
 * {@link UpdateOwnership} records the fields other writes change.
 */
public final class ServerSideApply {
    public static final String CONTENT_TYPE = "application/apply-patch+yaml";

    private final ResourceType type;
    private final String manager;
    private final boolean force;
    private final Instant now;

    public ServerSideApply(ResourceType type, String manager, boolean force, Instant now) {
        if (manager == null || manager.isBlank()) {
            throw new ApiException.BadRequest("fieldManager is required for apply requests");
        }
        this.type = type;
        this.manager = manager;
        this.force = force;
        this.now = now;
    }

    /** The object after applying {@code applied} to {@code live} ({@code null}: it does not exist yet). */
    public ObjectNode apply(ObjectNode live, ObjectNode applied) {
        if (!type.apiVersion().equals(applied.path("apiVersion").asText()) || !type.kind().equals(applied.path("kind").asText())) {
            throw new ApiException.BadRequest("the applied configuration must be apiVersion " + type.apiVersion()
                    + ", kind " + type.kind() + "; got " + applied.path("apiVersion").asText() + ", "
                    + applied.path("kind").asText());
        }
        FieldSet wanted = FieldSet.of(applied);
        List<ManagedEntry> owners = live == null ? List.of() : ManagedEntry.read(live.path("metadata").get("managedFields"));
        Map<ManagedEntry, FieldSet> conflicts = conflicts(live, applied, wanted, owners);
        if (!conflicts.isEmpty() && !force) {
            throw conflict(applied, conflicts);
        }
        List<ManagedEntry> others = new ArrayList<>();
        FieldSet previous = FieldSet.empty();
        ManagedEntry own = null;
        for (ManagedEntry owner : owners) {
            if (owner.isApplyOf(manager)) {
                previous = owner.fields();
                own = owner;
            } else {
                others.add(owner.withFields(owner.fields().minus(conflicts.getOrDefault(owner, FieldSet.empty()))));
            }
        }
        FieldSet keptByOthers = others.stream().map(ManagedEntry::fields).reduce(FieldSet.empty(), FieldSet::plus);
        ObjectNode result = live == null ? Json.object() : live.deepCopy();
        merge(result, applied);
        for (List<String> path : previous.minus(wanted).minus(keptByOthers).deepestFirst()) {
            remove(result, path);
        }
        boolean changed = live == null || !FieldChanges.between(live, result, null).isEmpty();
        ArrayNode managed = Json.mapper().createArrayNode();
        boolean placed = false;
        for (ManagedEntry owner : owners) {
            if (owner.isApplyOf(manager)) {
                managed.add(own(applied, wanted, own, changed));
                placed = true;
            } else {
                others.stream().filter(o -> o.entry() == owner.entry() && !o.fields().isEmpty())
                        .forEach(o -> managed.add(o.render()));
            }
        }
        if (!placed) {
            managed.add(own(applied, wanted, null, changed));
        }
        ((ObjectNode) result.withObjectProperty("metadata")).set("managedFields", managed);
        return result;
    }

    /**
     * The applier's entry: as it was when the apply changed nothing and owns the same fields (a repeated apply writes
     * nothing), else stamped now.
     */
    private ObjectNode own(ObjectNode applied, FieldSet wanted, ManagedEntry previous, boolean changed) {
        if (previous != null && previous.fields().equals(wanted) && !changed) {
            return previous.render();
        }
        return ManagedEntry.of(manager, ManagedEntry.APPLY, applied.path("apiVersion").asText(), null, now, wanted).render();
    }

    /** Per other owner, the fields it owns that the applied configuration sets to another value. */
    private Map<ManagedEntry, FieldSet> conflicts(ObjectNode live, ObjectNode applied, FieldSet wanted,
                                                  List<ManagedEntry> owners) {
        Map<ManagedEntry, FieldSet> conflicts = new LinkedHashMap<>();
        for (ManagedEntry owner : owners) {
            if (owner.isApplyOf(manager)) {
                continue;
            }
            List<List<String>> differing = new ArrayList<>();
            for (List<String> path : wanted.intersect(owner.fields()).deepestFirst()) {
                boolean item = path.getLast().startsWith("k:");
                if (!item && !Json.same(valueAt(live, path), valueAt(applied, path))) {
                    differing.add(path);
                }
            }
            if (!differing.isEmpty()) {
                conflicts.put(owner, new FieldSet(java.util.Set.copyOf(differing)));
            }
        }
        return conflicts;
    }

    /**
     * The 409 Kubernetes answers: one conflict in a line ({@code conflict with "alice": .spec.replicas}), several
     * grouped by manager, managers sorted.
     */
    private ApiException conflict(ObjectNode applied, Map<ManagedEntry, FieldSet> conflicts) {
        List<ApiException.Cause> causes = new ArrayList<>();
        Map<String, List<String>> byManager = new java.util.TreeMap<>();
        conflicts.forEach((owner, fields) -> fields.paths().stream().map(FieldSet::text).sorted().forEach(field -> {
            causes.add(new ApiException.Cause("FieldManagerConflict", "conflict with " + owner.describe(), field));
            byManager.computeIfAbsent(owner.describe(), m -> new ArrayList<>()).add(field);
        }));
        StringBuilder message = new StringBuilder("Apply failed with ").append(causes.size());
        if (causes.size() == 1) {
            message.append(" conflict: ").append(causes.getFirst().message()).append(": ").append(causes.getFirst().field());
        } else {
            message.append(" conflicts: ");
            List<String> lines = new ArrayList<>();
            byManager.forEach((owner, paths) -> {
                lines.add("conflicts with " + owner + ":");
                paths.forEach(path -> lines.add("- " + path));
            });
            message.append(String.join("\n", lines));
        }
        String name = applied.path("metadata").path("name").asText();
        return new ApiException.Conflict(type, name, message.toString(), causes);
    }

    private static JsonNode valueAt(JsonNode root, List<String> path) {
        JsonNode node = root == null ? MissingNode.getInstance() : root;
        for (String step : path) {
            node = step(node, step);
            if (node.isMissingNode()) {
                return node;
            }
        }
        return node;
    }

    private static JsonNode step(JsonNode node, String step) {
        if (step.startsWith("f:")) {
            return node.path(step.substring(2));
        }
        int index = indexOf(node, step);
        return index < 0 ? MissingNode.getInstance() : node.get(index);
    }

    private static int indexOf(JsonNode list, String itemStep) {
        if (!list.isArray()) {
            return -1;
        }
        JsonNode id = Json.parse(itemStep.substring(2));
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            boolean matches = item.isObject();
            for (Map.Entry<String, JsonNode> key : id.properties()) {
                matches &= Json.same(item.path(key.getKey()), key.getValue());
            }
            if (matches) {
                return i;
            }
        }
        return -1;
    }

    private static void merge(ObjectNode target, ObjectNode applied) {
        for (Map.Entry<String, JsonNode> field : applied.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            JsonNode existing = target.get(name);
            if (value instanceof ObjectNode object && !object.isEmpty() && existing instanceof ObjectNode into) {
                merge(into, object);
            } else if (value instanceof ArrayNode list && existing instanceof ArrayNode into
                    && ListKeys.key(name, list) != null && ListKeys.key(name, into) != null
                    && ListKeys.key(name, list).equals(ListKeys.key(name, into))) {
                mergeList(into, list, ListKeys.key(name, list));
            } else {
                target.set(name, value.deepCopy());
            }
        }
    }

    private static void mergeList(ArrayNode target, ArrayNode applied, String key) {
        for (JsonNode item : applied) {
            int index = indexOf(target, FieldSet.itemStep(key, item));
            if (index < 0) {
                target.add(item.deepCopy());
            } else {
                merge((ObjectNode) target.get(index), (ObjectNode) item);
            }
        }
    }

    private static void remove(ObjectNode root, List<String> path) {
        JsonNode parent = valueAt(root, path.subList(0, path.size() - 1));
        String last = path.getLast();
        if (last.startsWith("f:") && parent instanceof ObjectNode object) {
            object.remove(last.substring(2));
        } else if (parent instanceof ArrayNode list) {
            int index = indexOf(list, last);
            if (index >= 0) {
                list.remove(index);
            }
        }
    }
}
