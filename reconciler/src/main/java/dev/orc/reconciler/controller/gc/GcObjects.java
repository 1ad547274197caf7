package dev.orc.reconciler.controller.gc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.reconciler.controller.runtime.Informer;
import dev.orc.reconciler.controller.runtime.ObjectKey;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the garbage collector reads: the cached objects of every kind it watches. */
public interface GcObjects {
    /** The kinds watched. */
    List<ResourceType> types();

    Optional<ObjectNode> get(ResourceType type, String namespace, String name);

    /** Every cached object of the kind, in every namespace. */
    List<ObjectNode> all(ResourceType type);

    static GcObjects of(Map<ResourceType, Informer> informers) {
        return new GcObjects() {
            @Override
            public List<ResourceType> types() {
                return List.copyOf(informers.keySet());
            }

            @Override
            public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
                Informer informer = informers.get(type);
                return informer == null ? Optional.empty()
                        : informer.get(new ObjectKey(type.namespaced() ? namespace : "", name));
            }

            @Override
            public List<ObjectNode> all(ResourceType type) {
                Informer informer = informers.get(type);
                return informer == null ? List.of() : informer.list();
            }
        };
    }
}
