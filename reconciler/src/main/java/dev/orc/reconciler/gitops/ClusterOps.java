package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.gitops.Ownership;
import dev.orc.api.json.Json;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a sync needs of the cluster, over the API: read, dry-run, apply and delete one object of any kind the
 * manifests name. Dry runs are the server's own ({@code dryRun=All}).
 */
public final class ClusterOps {
    /** From this many refs of one kind and namespace on, one list reads them all. */
    static final int LIST_THRESHOLD = 4;
    /** How often the move of an object's Update entries to the Apply entry is tried while other writers get there first. */
    static final int UPGRADE_ATTEMPTS = 3;
    /** The field manager of every write a sync makes. */
    public static final String FIELD_MANAGER = "orc-gitops";

    private final ApiClient client;
    private final ApplyMethod method;

    public ClusterOps(ApiClient client, ApplyMethod method) {
        this.client = client;
        this.method = method;
    }

    /** The live object, if there is one. */
    public Optional<ObjectNode> get(ManagedRef ref) {
        return type(ref).flatMap(type -> client.find(type, ref.namespace(), ref.name()));
    }

    /**
     * Reads refs of one kind and namespace with a single list when there are many of them (a sync of a
     * thousand objects would otherwise pay a thousand requests), one by one when there are few.
     */
    public Map<ManagedRef, ObjectNode> getAll(Collection<ManagedRef> refs) {
        Map<ManagedRef, ObjectNode> live = new HashMap<>();
        Map<List<String>, List<ManagedRef>> groups = new LinkedHashMap<>();
        for (ManagedRef ref : refs) {
            groups.computeIfAbsent(List.of(ref.apiVersion(), ref.kind(), ref.namespace()), g -> new ArrayList<>()).add(ref);
        }
        for (List<ManagedRef> group : groups.values()) {
            ManagedRef first = group.getFirst();
            Optional<ResourceType> type = type(first);
            if (type.isEmpty()) {
                continue;
            }
            if (group.size() < LIST_THRESHOLD) {
                group.forEach(ref -> get(ref).ifPresent(object -> live.put(ref, object)));
                continue;
            }
            Map<String, ManagedRef> byName = new HashMap<>();
            group.forEach(ref -> byName.put(ref.name(), ref));
            String namespace = type.get().namespaced() ? first.namespace() : null;
            for (JsonNode item : client.listAll(type.get(), namespace, ListOptions.all()).path("items")) {
                ManagedRef ref = byName.get(item.path("metadata").path("name").asText());
                if (ref != null && item instanceof ObjectNode object) {
                    live.put(ref, object);
                }
            }
        }
        return live;
    }

    /** The server's objections to the action (empty when it would succeed); nothing is changed. */
    public List<String> dryRun(SyncAction action) {
        try {
            write(action, WriteOptions.serverDryRun());
            return List.of();
        } catch (ApiException e) {
            return List.of(describe(e));
        } catch (ApplyException e) {
            return List.of(e.getMessage());
        }
    }

    /**
     * Creates or patches the object as the action says; throws with the server's message when refused. With
     * {@link ApplyMethod#SERVER_SIDE_APPLY}, fields an earlier sync wrote by a merge patch are first moved to the
     * apply's ownership ({@link ApplyOwnershipUpgrade}), so that a field Git drops is removed.
     */
    public void apply(SyncAction action) throws ApplyException {
        if (method == ApplyMethod.SERVER_SIDE_APPLY && action.live() != null) {
            upgradeOwnership(action);
        }
        try {
            write(action, WriteOptions.defaults().withFieldManager(FIELD_MANAGER));
        } catch (ApiException e) {
            throw new ApplyException(describe(e));
        }
    }

    /**
     * Rewrites the object's {@code managedFields} so that {@link #FIELD_MANAGER}'s Update entries become its Apply
     * entry, once: afterwards it has none. The write carries the resourceVersion it was computed from, so it never
     * overwrites a concurrent writer's entries; when another writer got there first, it is computed again from a
     * fresh read.
     */
    private void upgradeOwnership(SyncAction action) throws ApplyException {
        ResourceType type = type(action.ref()).orElseThrow(() -> new ApplyException("unknown kind " + action.ref().kind()));
        ObjectNode live = action.live();
        for (int attempt = 1; live != null; attempt++) {
            Optional<ArrayNode> rewritten = ApplyOwnershipUpgrade.rewrite(
                    live.path("metadata").get("managedFields"), FIELD_MANAGER);
            if (rewritten.isEmpty()) {
                return;
            }
            ObjectNode patch = Json.object();
            patch.putObject("metadata").put("resourceVersion", live.path("metadata").path("resourceVersion").asText())
                    .set("managedFields", rewritten.get());
            try {
                client.patch(type, action.ref().namespace(), action.ref().name(), PatchType.MERGE, patch,
                        WriteOptions.defaults().withFieldManager(FIELD_MANAGER));
                return;
            } catch (ApiException e) {
                if (!e.isConflict() || attempt >= UPGRADE_ATTEMPTS) {
                    throw new ApplyException("moving the fields of its " + FIELD_MANAGER
                            + " Update entries to its Apply entry: " + describe(e));
                }
                live = get(action.ref()).orElse(null);
            }
        }
    }

    /** Deletes the object, its dependents in the background; one already gone is not an error. */
    public void delete(ManagedRef ref) throws ApplyException {
        ResourceType type = type(ref).orElseThrow(() -> new ApplyException("unknown kind " + ref.kind()));
        try {
            client.delete(type, ref.namespace(), ref.name(), DeleteOptions.defaults().withPropagation(DeleteOptions.Propagation.Background));
        } catch (ApiException e) {
            if (!e.isNotFound()) {
                throw new ApplyException(describe(e));
            }
        }
    }

    /** The object the server would store for a create or update: its dry run of the write. */
    public ObjectNode wouldStore(SyncAction action) throws ApplyException {
        try {
            return write(action, WriteOptions.serverDryRun());
        } catch (ApiException e) {
            throw new ApplyException(describe(e));
        }
    }

    /** Creates or patches as the action says; null for an action that writes nothing. */
    private ObjectNode write(SyncAction action, WriteOptions options) throws ApplyException {
        ResourceType type = type(action.ref()).orElseThrow(() -> new ApplyException("unknown kind " + action.ref().kind()
                + " in apiVersion " + action.ref().apiVersion()));
        if (method == ApplyMethod.SERVER_SIDE_APPLY) {
            return serverSideApply(type, action, options);
        }
        return switch (action.type()) {
            case CREATE -> client.create(type, action.ref().namespace(), action.desired(), options);
            case UPDATE -> client.patch(type, action.ref().namespace(), action.ref().name(), PatchType.MERGE,
                    action.patch(), options);
            case UNCHANGED, PRUNE -> null;
        };
    }

    /**
     * The whole desired object applied as {@link #FIELD_MANAGER}, forced; a pin the plan removes is removed by a merge
     * patch of its own, since the pin belongs to whoever pinned and an apply that leaves it out does not remove it. A
     * dry run stores nothing for that patch to build on, so the answer is the applied object without the pin.
     */
    private ObjectNode serverSideApply(ResourceType type, SyncAction action, WriteOptions options) {
        if (action.type() != SyncAction.Type.CREATE && action.type() != SyncAction.Type.UPDATE) {
            return null;
        }
        String namespace = action.ref().namespace();
        String name = action.ref().name();
        ObjectNode applied = client.patch(type, namespace, name, PatchType.APPLY, action.desired(),
                options.withFieldManager(FIELD_MANAGER).withForce(true));
        if (action.patch() != null && action.patch().path("metadata").path("annotations").has(Ownership.PIN_ANNOTATION)) {
            if (options.dryRun()) {
                if (applied.path("metadata").path("annotations") instanceof ObjectNode annotations) {
                    annotations.remove(Ownership.PIN_ANNOTATION);
                }
                return applied;
            }
            ObjectNode unpin = Json.object();
            Ownership.unpin(unpin);
            return client.patch(type, namespace, name, PatchType.MERGE, unpin, options.withFieldManager(FIELD_MANAGER));
        }
        return applied;
    }

    private static Optional<ResourceType> type(ManagedRef ref) {
        return ResourceTypes.byApiVersionAndKind(ref.apiVersion(), ref.kind());
    }

    private static String describe(ApiException e) {
        if (e.causes().isEmpty()) {
            return e.getMessage();
        }
        return String.join("; ", e.causes().stream().map(ApiException.Cause::format).toList());
    }

    /** The server refused one object. */
    public static final class ApplyException extends Exception {
        public ApplyException(String message) {
            super(message);
        }
    }
}
