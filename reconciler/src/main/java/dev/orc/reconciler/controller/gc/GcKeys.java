package dev.orc.reconciler.controller.gc;

import dev.orc.api.cache.ObjectKey;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;

import java.util.Optional;

/**
 * The garbage collector's work queue holds objects of every kind, so its keys carry the kind: the name part is
 * {@code plural/name} ({@code pods/web-1}). Object names cannot contain a slash, so the split is unambiguous.
 */
final class GcKeys {
    private GcKeys() {
    }

    /** An object of a known kind. */
    record Item(ResourceType type, String namespace, String name) {
    }

    static ObjectKey key(ResourceType type, String namespace, String name) {
        return new ObjectKey(type.namespaced() ? namespace : "", type.plural() + "/" + name);
    }

    static Optional<Item> item(ObjectKey key) {
        int slash = key.name().indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String plural = key.name().substring(0, slash);
        return ResourceTypes.all().stream().filter(t -> t.plural().equals(plural)).findFirst()
                .map(type -> new Item(type, key.namespace(), key.name().substring(slash + 1)));
    }
}
