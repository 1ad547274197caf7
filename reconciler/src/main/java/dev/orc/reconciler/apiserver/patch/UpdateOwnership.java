package dev.orc.reconciler.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.reconciler.apiserver.registry.FieldOwnership;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The field ownership of a write that is not an apply (create, update, merge, JSON or strategic merge patch, a write
 * to the status or scale subresource), as Kubernetes records it: the fields the write changed become its manager's,
 * in that manager's {@code operation: Update} entry for the API version and subresource written through, and leave
 * every other entry (an update never conflicts); removed fields leave every entry. An entry's {@code time} moves only
 * when its manager changed something, so a write that changes nothing stays unchanged. Past ten Update entries, the
 * oldest are folded into one {@code ancient-changes} entry ({@link UpdateManagerCap}).
 * <p>
 * A write to the object itself may set {@code managedFields}: a list of valid entries replaces the stored ones, a
 * list of one empty entry ({@code [{}]}) clears them before the write's own fields are recorded; an absent or empty
 * list, or one that is not valid, keeps the stored ones (so a client that does not know the field cannot lose it).
 */
public final class UpdateOwnership implements FieldOwnership {
    private final ResourceType type;
    private final String manager;
    private final String subresource;
    private final Clock clock;

    /** @param subresource {@code status}, {@code scale}, or null for the object itself */
    public UpdateOwnership(ResourceType type, String manager, String subresource, Clock clock) {
        this.type = type;
        this.manager = manager;
        this.subresource = subresource;
        this.clock = clock;
    }

    @Override
    public ObjectNode record(ObjectNode existing, ObjectNode updated) {
        ObjectNode metadata = (ObjectNode) updated.withObjectProperty("metadata");
        JsonNode requested = metadata.get("managedFields");
        boolean reset = subresource == null && isReset(requested);
        List<ManagedEntry> own = subresource == null && !reset ? ManagedEntry.read(requested) : List.of();
        JsonNode stored = existing == null ? null : existing.path("metadata").get("managedFields");
        FieldChanges changes = FieldChanges.between(existing, updated, subresource);
        if (changes.isEmpty() && !reset) {
            JsonNode kept = own.isEmpty() ? stored : requested;
            if (kept == null) {
                metadata.remove("managedFields");
            } else {
                metadata.set("managedFields", kept.deepCopy());
            }
            return updated;
        }
        List<ManagedEntry> base = reset ? List.of() : own.isEmpty() ? ManagedEntry.read(stored) : own;
        List<ObjectNode> owners = owners(base, changes);
        if (owners.isEmpty()) {
            metadata.remove("managedFields");
        } else {
            ArrayNode rendered = metadata.putArray("managedFields");
            owners.forEach(rendered::add);
        }
        return updated;
    }

    private static boolean isReset(JsonNode requested) {
        return requested != null && requested.isArray() && requested.size() == 1 && requested.get(0).isObject()
                && requested.get(0).isEmpty();
    }

    /**
     * The entries after the write: each as it was when the write took nothing from it, without what it took
     * otherwise (none left: gone), and the writer's entry with what it changed, stamped now.
     */
    private List<ObjectNode> owners(List<ManagedEntry> entries, FieldChanges changes) {
        List<ObjectNode> owners = new ArrayList<>();
        boolean placed = false;
        for (ManagedEntry entry : entries) {
            FieldSet kept = entry.fields().withoutUnder(changes.removed());
            if (entry.isUpdateOf(manager, type.apiVersion(), subresource)) {
                owners.add(stamped(kept.plus(changes.set())));
                placed = true;
            } else if (kept.minus(changes.set()).equals(entry.fields())) {
                owners.add(entry.entry().deepCopy());
            } else if (!kept.minus(changes.set()).isEmpty()) {
                owners.add(entry.withFields(kept.minus(changes.set())).render());
            }
        }
        if (!placed && !changes.set().isEmpty()) {
            owners.add(stamped(changes.set()));
        }
        owners.removeIf(owner -> owner.path("fieldsV1").isEmpty());
        return UpdateManagerCap.cap(owners);
    }

    private ObjectNode stamped(FieldSet fields) {
        return ManagedEntry.of(manager, ManagedEntry.UPDATE, type.apiVersion(), subresource, clock.instant(), fields)
                .render();
    }
}
