package dev.orc.api.cache;

import dev.orc.api.model.KubeObject;

import java.util.List;
import java.util.Optional;

/**
 * What a reconcile reads: one kind's objects as an informer has them (client-go's lister). Every object handed
 * out is the cache's own immutable value, shared with every other reader.
 */
public interface ObjectCache<T extends KubeObject> {
    Optional<Cached<T>> get(ObjectKey key);

    /** The objects of {@code namespace}; for a cluster-scoped kind, {@code ""} lists them all. */
    List<Cached<T>> list(String namespace);

    /**
     * The objects of every namespace filed under {@code value} in {@code index} (client-go's {@code ByIndex}): the
     * pods bound to a node, the dependents of an owner.
     */
    List<Cached<T>> byIndex(Index index, String value);

    /** The objects of {@code namespace} whose controller is the object with {@code uid}. */
    default List<Cached<T>> controlledBy(String namespace, String uid) {
        return list(namespace).stream()
                .filter(object -> Index.CONTROLLER.values().apply(object).contains(uid)).toList();
    }

    /** Reads through the informer's namespace and controller indexes, never scanning the whole cache. */
    static <T extends KubeObject> ObjectCache<T> of(Informer<T> informer) {
        return new ObjectCache<>() {
            @Override
            public Optional<Cached<T>> get(ObjectKey key) {
                return informer.get(key);
            }

            @Override
            public List<Cached<T>> list(String namespace) {
                return informer.byIndex(Index.NAMESPACE, namespace);
            }

            @Override
            public List<Cached<T>> byIndex(Index index, String value) {
                return informer.byIndex(index, value);
            }

            @Override
            public List<Cached<T>> controlledBy(String namespace, String uid) {
                return informer.byIndex(Index.CONTROLLER, uid).stream()
                        .filter(object -> object.namespace().equals(namespace)).toList();
            }
        };
    }
}
