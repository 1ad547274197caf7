package dev.orc.reconciler.controller.gc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.Index;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.meta.ResourceType;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the garbage collector reads: the cached objects of every kind it watches, as copies it may base writes
 * on. Lookups go through the informers' indexes, so only the objects asked for are copied: the collector looks
 * for dependents on every reconcile, and copying every object made that quadratic in the number of objects.
 */
public interface GcObjects {
    /** The kinds watched. */
    List<ResourceType> types();

    Optional<ObjectNode> get(ResourceType type, String namespace, String name);

    /** The objects of the kind, in every namespace, with an owner reference to {@code ownerUid}. */
    List<ObjectNode> dependents(ResourceType type, String ownerUid);

    /** The objects of the (namespaced) kind in {@code namespace}. */
    List<ObjectNode> inNamespace(ResourceType type, String namespace);

    static GcObjects of(Map<ResourceType, Informer<?>> informers) {
        return new GcObjects() {
            @Override
            public List<ResourceType> types() {
                return List.copyOf(informers.keySet());
            }

            @Override
            public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
                Informer<?> informer = informers.get(type);
                return informer == null ? Optional.empty()
                        : informer.get(new ObjectKey(type.namespaced() ? namespace : "", name)).map(Cached::copy);
            }

            @Override
            public List<ObjectNode> dependents(ResourceType type, String ownerUid) {
                return copies(type, Index.OWNER, ownerUid);
            }

            @Override
            public List<ObjectNode> inNamespace(ResourceType type, String namespace) {
                return copies(type, Index.NAMESPACE, namespace);
            }

            private List<ObjectNode> copies(ResourceType type, Index index, String value) {
                Informer<?> informer = informers.get(type);
                return informer == null ? List.of()
                        : informer.byIndex(index, value).stream().map(Cached::copy).toList();
            }
        };
    }
}
