package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.EventHandler;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.json.Json;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.LabelSelector;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.OwnerReference;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keys, not events: maps a change of a dependent (a pod, a ReplicaSet) to the keys of the controllers that must
 * look again — its controller by {@code ownerReferences}, or for an orphan every controller of its namespace
 * whose selector matches it (one of them may adopt it). An update enqueues the owners before and after.
 */
public final class OwnerKeys {
    private OwnerKeys() {
    }

    /** Wires an owner controller's keys: an owner's change enqueues the owner, a dependent's change its owners. */
    public static <O extends KubeObject, D extends KubeObject> void watch(
            Informer<O> owners, String ownerKind, Informer<D> dependents, Consumer<ObjectKey> enqueue) {
        owners.addHandler(EventHandler.enqueueOwnKey(enqueue));
        dependents.addHandler(handler(ownerKind, ObjectCache.of(owners), enqueue));
    }

    public static <D extends KubeObject> EventHandler<D> handler(String ownerKind, ObjectCache<?> owners,
                                                                 Consumer<ObjectKey> enqueue) {
        return new EventHandler<>() {
            @Override
            public void onAdd(Cached<D> object) {
                of(object, ownerKind, owners).forEach(enqueue);
            }

            @Override
            public void onUpdate(Cached<D> oldObject, Cached<D> newObject) {
                Set<ObjectKey> keys = new LinkedHashSet<>(of(oldObject, ownerKind, owners));
                keys.addAll(of(newObject, ownerKind, owners));
                keys.forEach(enqueue);
            }

            @Override
            public void onDelete(Cached<D> object) {
                of(object, ownerKind, owners).forEach(enqueue);
            }
        };
    }

    /** The keys of the controllers of kind {@code ownerKind} that care about {@code object}. */
    public static Set<ObjectKey> of(Cached<?> object, String ownerKind, ObjectCache<?> owners) {
        ObjectMeta metadata = object.view().metadata();
        Set<ObjectKey> keys = new LinkedHashSet<>();
        Optional<OwnerReference> controller = metadata.controllerRef();
        if (controller.isPresent()) {
            if (ownerKind.equals(controller.get().kind())) {
                keys.add(new ObjectKey(object.namespace(), controller.get().name()));
            }
            return keys;
        }
        for (Cached<?> owner : owners.list(object.namespace())) {
            JsonNode selector = owner.at("/spec/selector");
            if (selector.isObject() && Json.convert(selector, LabelSelector.class).matches(metadata.labels())) {
                keys.add(owner.key());
            }
        }
        return keys;
    }
}
