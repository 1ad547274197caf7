package dev.orc.reconciler.controller.gc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.Index;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.meta.ResourceType;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the garbage collector reads: the cached objects of every kind it watches, as copies it may base writes
 * on. Lookups go through the caches' indexes, so only the objects asked for are copied: the collector looks
 * for dependents on every reconcile, and copying every object made that quadratic in the number of objects.
 */
public final class GcObjects {
    private final Map<ResourceType, ObjectCache<?>> caches;
    private final List<ResourceType> types;

    /** Reads {@code caches}, one per kind watched; {@link #types()} lists the kinds in their order. */
    public GcObjects(Map<ResourceType, ? extends ObjectCache<?>> caches) {
        this.caches = Map.copyOf(caches);
        this.types = List.copyOf(caches.keySet());
    }

    /** The kinds watched. */
    public List<ResourceType> types() {
        return types;
    }

    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        ObjectCache<?> cache = caches.get(type);
        return cache == null ? Optional.empty()
                : cache.get(new ObjectKey(type.namespaced() ? namespace : "", name)).map(Cached::copy);
    }

    /** The objects of the kind, in every namespace, with an owner reference to {@code ownerUid}. */
    public List<ObjectNode> dependents(ResourceType type, String ownerUid) {
        return copies(type, Index.OWNER, ownerUid);
    }

    /** The objects of the (namespaced) kind in {@code namespace}. */
    public List<ObjectNode> inNamespace(ResourceType type, String namespace) {
        return copies(type, Index.NAMESPACE, namespace);
    }

    private List<ObjectNode> copies(ResourceType type, Index index, String value) {
        ObjectCache<?> cache = caches.get(type);
        return cache == null ? List.of() : cache.byIndex(index, value).stream().map(Cached::copy).toList();
    }
}
