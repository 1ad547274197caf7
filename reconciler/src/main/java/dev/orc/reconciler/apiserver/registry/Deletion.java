package dev.orc.reconciler.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.store.KeyNotFoundException;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.ListOptions;
import dev.orc.reconciler.store.RevisionConflictException;

import java.util.Optional;
import java.util.Set;

/**
 * Deleting objects as Kubernetes does: an object with finalizers, or a pod bound to a node and deleted with
 * a grace period, is only marked (deletionTimestamp) and goes later; anything else goes at once. A namespace
 * is marked Terminating, emptied, and removed once nothing is left in it.
 */
public final class Deletion {
    static final Set<String> PERMANENT_NAMESPACES = Set.of("default", "kube-system", "kube-public", "kube-node-lease",
            "orc-system");
    private static final long DEFAULT_POD_GRACE_SECONDS = 30;

    private final ObjectRegistry registry;

    public Deletion(ObjectRegistry registry) {
        this.registry = registry;
    }

    /** Deletes or marks the object; returns it as it was last seen (marked, or just before it went). */
    public ObjectNode delete(ResourceType type, String namespace, String name, DeleteOptions options, boolean dryRun) {
        if (type == ResourceTypes.NAMESPACE && PERMANENT_NAMESPACES.contains(name)) {
            throw new ApiException.Forbidden(type, name, "this namespace may not be deleted");
        }
        for (int attempt = 1; ; attempt++) {
            ObjectNode existing = registry.get(type, namespace, name);
            checkPreconditions(type, name, existing, options);
            try {
                return dryRun ? existing : deleteOnce(type, namespace, name, existing, options);
            } catch (RevisionConflictException e) {
                if (attempt >= ObjectRegistry.MAX_ATTEMPTS) {
                    throw ObjectRegistry.staleConflict(type, name);
                }
            }
        }
    }

    private ObjectNode deleteOnce(ResourceType type, String namespace, String name, ObjectNode existing,
                                  DeleteOptions options) {
        long grace = graceSeconds(type, existing, options);
        if (type == ResourceTypes.NAMESPACE) {
            return deleteNamespace(existing, options);
        }
        String finalizer = propagationFinalizer(options);
        if (finalizer != null && !Meta.terminating(existing)) {
            return registry.modify(type, namespace, name, current -> {
                markTerminating(versioned(current, existing), grace);
                ObjectNode meta = Meta.metadata(current);
                com.fasterxml.jackson.databind.node.ArrayNode finalizers = meta.has("finalizers") && meta.get("finalizers").isArray()
                        ? (com.fasterxml.jackson.databind.node.ArrayNode) meta.get("finalizers") : meta.putArray("finalizers");
                finalizers.add(finalizer);
                return current;
            }, ObjectRegistry.Part.SYSTEM, false);
        }
        if (grace > 0 || Meta.hasFinalizers(existing)) {
            JsonNode currentGrace = Meta.metadata(existing).get("deletionGracePeriodSeconds");
            if (Meta.terminating(existing) && currentGrace != null && currentGrace.asLong() <= grace) {
                return existing;
            }
            return registry.modify(type, namespace, name, current -> markTerminating(versioned(current, existing), grace),
                    ObjectRegistry.Part.SYSTEM, false);
        }
        long revision = Long.parseLong(Meta.metadata(existing).get("resourceVersion").asText());
        Optional<KeyValue> gone;
        try {
            gone = registry.store().delete(type.storeKey(namespace, name), revision);
        } catch (KeyNotFoundException deletedMeanwhile) {
            gone = Optional.empty();
        }
        if (gone.isEmpty()) {
            throw new ApiException.NotFound(type, name);
        }
        registry.removed(type, existing);
        return existing;
    }

    /**
     * The finalizer through which the garbage collector carries out a Foreground ({@code foregroundDeletion}:
     * dependents first) or Orphan ({@code orphan}: dependents released) deletion; none for Background.
     */
    private static String propagationFinalizer(DeleteOptions options) {
        if (options.propagation() == DeleteOptions.Propagation.Foreground) {
            return "foregroundDeletion";
        }
        return options.propagation() == DeleteOptions.Propagation.Orphan ? "orphan" : null;
    }

    /** The grace period that applies: only pods bound to a node get one. */
    private static long graceSeconds(ResourceType type, ObjectNode existing, DeleteOptions options) {
        if (type != ResourceTypes.POD || Meta.text(existing.path("spec"), "nodeName") == null) {
            return 0;
        }
        long requested = options.gracePeriodSeconds() != null ? options.gracePeriodSeconds()
                : existing.path("spec").path("terminationGracePeriodSeconds").asLong(DEFAULT_POD_GRACE_SECONDS);
        JsonNode current = Meta.metadata(existing).get("deletionGracePeriodSeconds");
        return current != null && current.asLong() < requested ? current.asLong() : requested;
    }

    private ObjectNode markTerminating(ObjectNode object, long grace) {
        ObjectNode meta = Meta.metadata(object);
        meta.put("deletionTimestamp", Meta.timestamp(registry.clock().instant().plusSeconds(grace)));
        meta.put("deletionGracePeriodSeconds", grace);
        return object;
    }

    /** Pins a read-modify-write to the revision the decision was made on. */
    private static ObjectNode versioned(ObjectNode current, ObjectNode seen) {
        Meta.metadata(current).set("resourceVersion", Meta.metadata(seen).get("resourceVersion"));
        return current;
    }

    private ObjectNode deleteNamespace(ObjectNode existing, DeleteOptions options) {
        String namespace = Meta.name(existing);
        ObjectNode marked = existing;
        if (!Meta.terminating(existing)) {
            marked = registry.modify(ResourceTypes.NAMESPACE, null, namespace, current -> {
                markTerminating(versioned(current, existing), 0);
                current.putObject("status").put("phase", "Terminating");
                return current;
            }, ObjectRegistry.Part.SYSTEM, false);
        }
        boolean empty = true;
        for (ResourceType type : ResourceTypes.all()) {
            if (!type.namespaced()) {
                continue;
            }
            for (KeyValue kv : registry.store().list(type.storePrefix() + namespace + "/", ListOptions.all()).items()) {
                ObjectNode object = Meta.decode(kv);
                try {
                    delete(type, namespace, Meta.name(object), DeleteOptions.defaults().withGracePeriodSeconds(0L).withPropagation(options.propagation()),
                            false);
                } catch (ApiException.NotFound alreadyGone) {
                    continue;
                }
                empty &= registry.store().get(kv.key()).isEmpty();
            }
        }
        if (empty) {
            long revision = Long.parseLong(Meta.metadata(marked).get("resourceVersion").asText());
            try {
                registry.store().delete(ResourceTypes.NAMESPACE.storeKey(null, namespace), revision);
            } catch (KeyNotFoundException removedByAConcurrentDeletion) {
                // another deletion of this namespace finished first: it is gone, as asked
            }
        }
        return marked;
    }

    private static void checkPreconditions(ResourceType type, String name, ObjectNode existing, DeleteOptions options) {
        String uid = Meta.uid(existing);
        if (options.preconditionUid() != null && !options.preconditionUid().equals(uid)) {
            throw new ApiException.Conflict(type, name, "Precondition failed: UID in precondition: "
                    + options.preconditionUid() + ", UID in object meta: " + uid);
        }
        String version = Meta.metadata(existing).path("resourceVersion").asText();
        if (options.preconditionResourceVersion() != null && !options.preconditionResourceVersion().equals(version)) {
            throw new ApiException.Conflict(type, name, "Precondition failed: ResourceVersion in precondition: "
                    + options.preconditionResourceVersion() + ", ResourceVersion in object meta: " + version);
        }
    }
}
