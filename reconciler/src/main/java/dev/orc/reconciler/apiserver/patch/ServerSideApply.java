package dev.orc.reconciler.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.status.ApiException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-side apply as Kubernetes does it: a manager sends the fields it wants ({@code application/apply-patch+yaml});
 * a field another manager owns with another value is a conflict (409 naming each field and its manager) unless
 * forced, which moves the field to the applier; fields the applier set last time and no longer sets are removed when
 * no other manager owns them; who owns what is kept in {@code metadata.managedFields} (FieldsV1). Only applies are
 * recorded as owners: updates and patches change fields without taking them over.
 */
public final class ServerSideApply {
    public static final String CONTENT_TYPE = "application/apply-patch+yaml";
    private static final String APPLY = "Apply";

    /** One entry of {@code managedFields}; {@code entry} is the stored entry, kept as it was apart from its fields. */
    private record Owner(String manager, String operation, ObjectNode entry, FieldSet fields) {
        boolean isApplyOf(String name) {
            return manager.equals(name) && operation.equals(APPLY);
        }

        Owner without(FieldSet lost) {
            return new Owner(manager, operation, entry, fields.minus(lost));
        }

        ObjectNode render() {
            ObjectNode rendered = entry.deepCopy();
            rendered.put("fieldsType", "FieldsV1");
            rendered.set("fieldsV1", fields.toFieldsV1());
            return rendered;
        }
    }

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
        List<Owner> owners = owners(live);
        Map<Owner, FieldSet> conflicts = conflicts(live, applied, wanted, owners);
        if (!conflicts.isEmpty() && !force) {
            throw conflict(applied, conflicts);
        }
        List<Owner> others = new ArrayList<>();
        FieldSet previous = FieldSet.empty();
        Owner own = null;
        for (Owner owner : owners) {
            if (owner.isApplyOf(manager)) {
                previous = owner.fields();
                own = owner;
            } else {
                others.add(owner.without(conflicts.getOrDefault(owner, FieldSet.empty())));
            }
        }
        FieldSet keptByOthers = others.stream().map(Owner::fields).reduce(FieldSet.empty(), FieldSet::plus);
        ObjectNode result = live == null ? Json.object() : live.deepCopy();
        merge(result, applied);
        for (List<String> path : previous.minus(wanted).minus(keptByOthers).deepestFirst()) {
            remove(result, path);
        }
        ArrayNode managed = Json.mapper().createArrayNode();
        boolean placed = false;
        for (Owner owner : owners) {
            if (owner.isApplyOf(manager)) {
                managed.add(own(applied, wanted, own));
                placed = true;
            } else {
                others.stream().filter(o -> o.entry() == owner.entry() && !o.fields().isEmpty())
                        .forEach(o -> managed.add(o.render()));
            }
        }
        if (!placed) {
            managed.add(own(applied, wanted, null));
        }
        ((ObjectNode) result.withObjectProperty("metadata")).set("managedFields", managed);
        return result;
    }

    /** The applier's entry: as it was when it owns the same fields (a repeated apply writes nothing), else new. */
    private ObjectNode own(ObjectNode applied, FieldSet wanted, Owner previous) {
        if (previous != null && previous.fields().equals(wanted)) {
            return previous.render();
        }
        ObjectNode entry = Json.object().put("manager", manager).put("operation", APPLY)
                .put("apiVersion", applied.path("apiVersion").asText())
                .put("time", now.truncatedTo(ChronoUnit.SECONDS).toString());
        return new Owner(manager, APPLY, entry, wanted).render();
    }

    private static List<Owner> owners(ObjectNode live) {
        List<Owner> owners = new ArrayList<>();
        if (live == null) {
            return owners;
        }
        for (JsonNode entry : live.path("metadata").path("managedFields")) {
            if (entry instanceof ObjectNode object && entry.path("fieldsV1").isObject()) {
                owners.add(new Owner(entry.path("manager").asText(), entry.path("operation").asText(), object,
                        FieldSet.fromFieldsV1(entry.get("fieldsV1"))));
            }
        }
        return owners;
    }

    /** Per other owner, the fields it owns that the applied configuration sets to another value. */
    private Map<Owner, FieldSet> conflicts(ObjectNode live, ObjectNode applied, FieldSet wanted, List<Owner> owners) {
        Map<Owner, FieldSet> conflicts = new LinkedHashMap<>();
        for (Owner owner : owners) {
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

    private ApiException conflict(ObjectNode applied, Map<Owner, FieldSet> conflicts) {
        List<ApiException.Cause> causes = new ArrayList<>();
        conflicts.forEach((owner, fields) -> fields.deepestFirst().reversed().forEach(path -> causes.add(
                new ApiException.Cause("FieldManagerConflict", "conflict with \"" + owner.manager() + "\""
                        + (owner.operation().equals(APPLY) ? "" : " using " + owner.entry().path("apiVersion").asText()),
                        FieldSet.text(path)))));
        StringBuilder message = new StringBuilder("Apply failed with ").append(causes.size())
                .append(causes.size() == 1 ? " conflict: " : " conflicts: ");
        for (int i = 0; i < causes.size(); i++) {
            message.append(i == 0 ? "" : "\n").append(causes.get(i).message()).append(": ").append(causes.get(i).field());
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
