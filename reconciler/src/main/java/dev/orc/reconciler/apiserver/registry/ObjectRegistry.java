package dev.orc.reconciler.apiserver.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.store.KeyExistsException;
import dev.orc.reconciler.store.KeyNotFoundException;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.LeaseNotFoundException;
import dev.orc.reconciler.store.ListOptions;
import dev.orc.reconciler.store.Page;
import dev.orc.reconciler.store.RevisionCompactedException;
import dev.orc.reconciler.store.RevisionConflictException;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreException;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * The objects of every kind, as the API defines them on top of the store: create, get, list, update
 * and read-modify-write, with server-owned metadata, admission, optimistic concurrency and namespace
 * checks. Deletion lives in {@link Deletion}. Usable in-process as well as behind HTTP.
 */
public final class ObjectRegistry {
    private final WriteHooks hooks;
    /** How often a write without a resourceVersion is retried when another writer got there first. */
    static final int MAX_ATTEMPTS = 8;
    private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final Store store;
    private final Clock clock;
    private final Admission admission;
    private final RandomGenerator random;
    private final EventLeases eventLeases;

    public ObjectRegistry(Store store, Clock clock, Admission admission, RandomGenerator random) {
        this(store, clock, admission, random, WriteHooks.NONE);
    }

    public ObjectRegistry(Store store, Clock clock, Admission admission, RandomGenerator random, WriteHooks hooks) {
        this(store, clock, admission, random, hooks, EventLeases.EVENT_TTL);
    }

    /** @param eventTtl how long an Event stays after its last change */
    public ObjectRegistry(Store store, Clock clock, Admission admission, RandomGenerator random, WriteHooks hooks,
                          Duration eventTtl) {
        this.hooks = hooks;
        this.store = store;
        this.clock = clock;
        this.admission = admission;
        this.random = random;
        this.eventLeases = new EventLeases(store, clock, eventTtl);
    }

    /**
     * Which part of the object a write may change: the main resource (not status, not server-owned
     * metadata), the status subresource, or anything (the server's own writes, such as marking deletion).
     */
    public enum Part { MAIN, STATUS, SYSTEM }

    Store store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    public ObjectNode get(ResourceType type, String namespace, String name) {
        String key = type.storeKey(namespace, name);
        return withoutQuorumIfNeeded(() -> store.get(key), () -> store.getWithoutQuorum(key)).map(Meta::decode)
                .orElseThrow(() -> new ApiException.NotFound(type, name));
    }

    /**
     * A read from the store; when the store cannot answer it (etcd without its quorum), the same read answered without
     * the quorum, with a warning to the client that it may be stale. When that fails too, the first failure stands.
     */
    private static <T> T withoutQuorumIfNeeded(Supplier<T> read, Supplier<T> readWithoutQuorum) {
        try {
            return read.get();
        } catch (RevisionCompactedException gone) {
            throw gone;
        } catch (StoreException unavailable) {
            T answer;
            try {
                answer = readWithoutQuorum.get();
            } catch (StoreException alsoUnavailable) {
                throw unavailable;
            }
            RequestWarnings.add("the store is unavailable (" + unavailable.getMessage() + "); this answer was read "
                    + "without its quorum and may be stale");
            return answer;
        }
    }

    /** One page of a list as an {@code XList} object; {@code namespace} null lists across all namespaces. */
    public ObjectNode list(ResourceType type, String namespace, Selection selection, int limit, String continueToken) {
        String prefix = type.namespaced() && namespace != null ? type.storePrefix() + namespace + "/" : type.storePrefix();
        ContinueToken start = continueToken == null ? null : ContinueToken.decode(continueToken);
        long revision = start == null ? 0 : start.revision();
        String after = start == null ? null : start.lastKey();
        ArrayNode items = Json.mapper().createArrayNode();
        String next = null;
        Page page;
        do {
            int want = limit <= 0 ? 0 : limit - items.size();
            page = listPage(prefix, new ListOptions(want, after, revision));
            revision = page.revision();
            for (KeyValue kv : page.items()) {
                ObjectNode object = Meta.decode(kv);
                if (selection.matches(object)) {
                    items.add(object);
                }
            }
            after = page.continueKey();
            if (after != null && limit > 0 && items.size() >= limit) {
                next = new ContinueToken(revision, after).encode();
            }
        } while (after != null && next == null);
        ObjectNode list = Json.object();
        list.put("kind", type.kind() + "List");
        list.put("apiVersion", type.apiVersion());
        ObjectNode meta = list.putObject("metadata");
        meta.put("resourceVersion", Long.toString(revision));
        if (next != null) {
            meta.put("continue", next);
        }
        list.set("items", items);
        return list;
    }

    private Page listPage(String prefix, ListOptions options) {
        try {
            return withoutQuorumIfNeeded(() -> store.list(prefix, options), () -> store.listWithoutQuorum(prefix, options));
        } catch (RevisionCompactedException e) {
            throw new ApiException.Gone("Expired", "The provided continue parameter is too old to display a consistent "
                    + "list result. You can start a new list without the continue parameter.");
        }
    }

    public ObjectNode create(ResourceType type, String namespace, ObjectNode incoming, boolean dryRun) {
        return create(type, namespace, incoming, FieldOwnership.UNRECORDED, dryRun);
    }

    /** Creates the object, its fields recorded as {@code ownership} says. */
    public ObjectNode create(ResourceType type, String namespace, ObjectNode incoming, FieldOwnership ownership,
                             boolean dryRun) {
        ObjectNode object = incoming.deepCopy();
        ObjectNode meta = Meta.metadata(object);
        placeInNamespace(type, namespace, object);
        if (type.namespaced()) {
            checkNamespaceWritable(type, namespace, Meta.name(object));
        }
        String generateName = Meta.text(meta, "generateName");
        boolean generated = (Meta.name(object) == null || Meta.name(object).isEmpty()) && generateName != null;
        for (int attempt = 1; ; attempt++) {
            if (generated) {
                meta.put("name", generateName + randomSuffix());
            }
            WriteRules.prepareCreate(type, object, clock.instant());
            WriteHooks.Reserved reserved = hooks.beforeStore(type, null,
                    ownership.record(null, admission.admit(type, object, null)), dryRun);
            ObjectNode admitted = reserved.object();
            String name = Meta.name(admitted);
            if (dryRun) {
                return admitted;
            }
            try {
                return Meta.decode(withLease(type, lease -> store.create(type.storeKey(namespace, name),
                        Meta.encode(admitted), lease)));
            } catch (KeyExistsException e) {
                reserved.undo().run();
                if (!generated || attempt >= MAX_ATTEMPTS) {
                    throw new ApiException.AlreadyExists(type, name);
                }
            }
        }
    }

    /**
     * Replaces the object ({@code Part.MAIN}) or its status. A resourceVersion in the incoming object is a
     * precondition (409 when stale); without one the update is unconditional. The fields it changes are recorded as
     * {@code ownership} says.
     */
    public ObjectNode update(ResourceType type, String namespace, String name, ObjectNode incoming, Part part,
                             FieldOwnership ownership, boolean dryRun) {
        String name0 = Meta.name(incoming);
        if (name0 != null && !name0.equals(name)) {
            throw new ApiException.BadRequest("the name of the object (" + name0 + ") does not match the name on the URL ("
                    + name + ")");
        }
        ObjectNode body = incoming.deepCopy();
        placeInNamespace(type, namespace, body);
        Meta.metadata(body).put("name", name);
        return modify(type, namespace, name, existing -> body, part, ownership, dryRun);
    }

    /** Tells the write hooks that an object left the store. */
    void removed(ResourceType type, ObjectNode object) {
        hooks.afterRemoved(type, object);
    }

    /**
     * Read-modify-write: applies {@code change} to a copy of the stored object and stores the result,
     * re-reading and re-applying when another writer got there first. {@code change} sees the object without
     * its resourceVersion; if the changed object carries one (from the request), it must match.
     */
    public ObjectNode modify(ResourceType type, String namespace, String name, UnaryOperator<ObjectNode> change,
                             Part part, boolean dryRun) {
        return modify(type, namespace, name, change, part, FieldOwnership.UNRECORDED, admission, dryRun);
    }

    /** {@link #modify(ResourceType, String, String, UnaryOperator, Part, boolean)}, the fields it changes recorded as {@code ownership} says. */
    public ObjectNode modify(ResourceType type, String namespace, String name, UnaryOperator<ObjectNode> change,
                             Part part, FieldOwnership ownership, boolean dryRun) {
        return modify(type, namespace, name, change, part, ownership, admission, dryRun);
    }

    /**
     * Read-modify-write of a change the server makes itself and that cannot turn an admitted object into one
     * admission would refuse (binding a pod: a node name and a condition), so admission is not run again.
     */
    public ObjectNode modifyAdmitted(ResourceType type, String namespace, String name, UnaryOperator<ObjectNode> change,
                                     boolean dryRun) {
        return modify(type, namespace, name, change, Part.SYSTEM, FieldOwnership.UNRECORDED,
                (t, incoming, existing) -> incoming, dryRun);
    }

    private ObjectNode modify(ResourceType type, String namespace, String name, UnaryOperator<ObjectNode> change,
                              Part part, FieldOwnership ownership, Admission admission, boolean dryRun) {
        for (int attempt = 1; ; attempt++) {
            ObjectNode existing = get(type, namespace, name);
            String storedVersion = Meta.metadata(existing).path("resourceVersion").asText();
            ObjectNode unversioned = existing.deepCopy();
            Meta.metadata(unversioned).remove("resourceVersion");
            ObjectNode changed = change.apply(unversioned);
            String wantedVersion = Meta.text(changed.get("metadata"), "resourceVersion");
            boolean conditional = wantedVersion != null && !wantedVersion.isEmpty();
            if (conditional && !wantedVersion.equals(storedVersion)) {
                throw staleConflict(type, name);
            }
            ObjectNode updated = switch (part) {
                case MAIN -> WriteRules.mainUpdate(type, existing, changed);
                case STATUS -> WriteRules.statusUpdate(existing, changed);
                case SYSTEM -> changed;
            };
            updated = admission.admit(type, updated, existing);
            WriteRules.updateGeneration(existing, updated);
            updated = ownership.record(existing, updated);
            if (Json.same(updated, existing)) {
                return existing;
            }
            if (dryRun) {
                return updated;
            }
            WriteHooks.Reserved reserved = hooks.beforeStore(type, existing, updated, false);
            updated = reserved.object();
            try {
                ObjectNode stored = write(type, existing, updated);
                hooks.afterStored(type, existing, stored);
                return stored;
            } catch (RevisionConflictException e) {
                reserved.undo().run();
                if (conditional || attempt >= MAX_ATTEMPTS) {
                    throw staleConflict(type, name);
                }
            }
        }
    }

    /**
     * Stores an updated object; one that is terminating and has lost its last finalizer goes away instead
     * (except a namespace, which {@link Deletion} removes once it is empty).
     */
    private ObjectNode write(ResourceType type, ObjectNode existing, ObjectNode updated) {
        String key = type.storeKey(Meta.namespace(existing), Meta.name(existing));
        long revision = Long.parseLong(Meta.metadata(existing).get("resourceVersion").asText());
        boolean graceOver = Meta.metadata(updated).path("deletionGracePeriodSeconds").asLong(0) == 0;
        try {
            if (type != ResourceTypes.NAMESPACE && Meta.terminating(updated) && !Meta.hasFinalizers(updated) && graceOver) {
                store.delete(key, revision);
                hooks.afterRemoved(type, updated);
                return updated;
            }
            return Meta.decode(withLease(type, lease -> store.update(key, Meta.encode(updated), revision, lease)));
        } catch (KeyNotFoundException e) {
            throw new ApiException.NotFound(type, Meta.name(existing));
        }
    }

    /** Stores with the lease {@code type}'s objects take (Events expire); once more with a new one if the store lost it. */
    private KeyValue withLease(ResourceType type, LongFunction<KeyValue> write) {
        long lease = eventLeases.leaseFor(type);
        try {
            return write.apply(lease);
        } catch (LeaseNotFoundException e) {
            eventLeases.forget(lease);
            return write.apply(eventLeases.leaseFor(type));
        }
    }

    static ApiException staleConflict(ResourceType type, String name) {
        return new ApiException.Conflict(type, name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }

    private static void placeInNamespace(ResourceType type, String namespace, ObjectNode object) {
        ObjectNode meta = Meta.metadata(object);
        if (!type.namespaced()) {
            meta.remove("namespace");
            return;
        }
        String own = Meta.text(meta, "namespace");
        if (own != null && !own.isEmpty() && !own.equals(namespace)) {
            throw new ApiException.BadRequest("the namespace of the provided object (" + own
                    + ") does not match the namespace sent on the request (" + namespace + ")");
        }
        meta.put("namespace", namespace);
    }

    /** Refuses a write into a namespace that does not exist or is being deleted. */
    void checkNamespaceWritable(ResourceType type, String namespace, String name) {
        ObjectNode ns = store.get(ResourceTypes.NAMESPACE.storeKey(null, namespace)).map(Meta::decode)
                .orElseThrow(() -> new ApiException.NotFound(ResourceTypes.NAMESPACE, namespace));
        if (Meta.terminating(ns)) {
            throw new ApiException.Forbidden(type, name == null ? "" : name,
                    "unable to create new content in namespace " + namespace + " because it is being terminated");
        }
    }

    private String randomSuffix() {
        StringBuilder suffix = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            suffix.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
        }
        return suffix.toString();
    }
}
