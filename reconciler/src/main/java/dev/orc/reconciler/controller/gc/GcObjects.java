package dev.orc.reconciler.controller.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.meta.ResourceType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** What the garbage collector reads: the cached objects of every kind it watches. */
public interface GcObjects {
    /** The kinds watched. */
    List<ResourceType> types();

    Optional<ObjectNode> get(ResourceType type, String namespace, String name);

    /**
     * The cached objects of the kind, in every namespace, that {@code filter} accepts. The filter reads the cache's
     * own objects (it must not change them), so that only the matches are copied: the collector scans every
     * object on each reconcile, and copying them all made that quadratic in the number of objects.
     */
    List<ObjectNode> matching(ResourceType type, Predicate<JsonNode> filter);

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
            public List<ObjectNode> matching(ResourceType type, Predicate<JsonNode> filter) {
                Informer informer = informers.get(type);
                return informer == null ? List.of() : informer.list(filter::test);
            }
        };
    }
}
