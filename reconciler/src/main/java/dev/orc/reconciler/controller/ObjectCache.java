package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectKey;

import java.util.List;
import java.util.Optional;

/** What a reconcile reads: one kind's objects as an informer has them. Every object handed out is a copy. */
public interface ObjectCache {
    Optional<ObjectNode> get(ObjectKey key);

    List<ObjectNode> list(String namespace);

    static ObjectCache of(Informer informer) {
        return new ObjectCache() {
            @Override
            public Optional<ObjectNode> get(ObjectKey key) {
                return informer.get(key);
            }

            @Override
            public List<ObjectNode> list(String namespace) {
                return informer.list(o -> namespace.equals(o.path("metadata").path("namespace").asText("")));
            }
        };
    }
}
