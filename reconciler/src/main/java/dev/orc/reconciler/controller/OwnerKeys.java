package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.EventHandler;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.json.Json;
import dev.orc.api.model.LabelSelector;

import java.util.LinkedHashSet;
import java.util.Map;
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
    public static void watch(Informer owners, String ownerKind, Informer dependents, Consumer<ObjectKey> enqueue) {
        owners.addHandler(EventHandler.enqueueOwnKey(enqueue));
        dependents.addHandler(handler(ownerKind, ObjectCache.of(owners), enqueue));
    }

    public static EventHandler handler(String ownerKind, ObjectCache owners, Consumer<ObjectKey> enqueue) {
        return new EventHandler() {
            @Override
            public void onAdd(ObjectNode object) {
                of(object, ownerKind, owners).forEach(enqueue);
            }

            @Override
            public void onUpdate(ObjectNode oldObject, ObjectNode newObject) {
                Set<ObjectKey> keys = new LinkedHashSet<>(of(oldObject, ownerKind, owners));
                keys.addAll(of(newObject, ownerKind, owners));
                keys.forEach(enqueue);
            }

            @Override
            public void onDelete(ObjectNode object) {
                of(object, ownerKind, owners).forEach(enqueue);
            }
        };
    }

    /** The keys of the controllers of kind {@code ownerKind} that care about {@code object}. */
    public static Set<ObjectKey> of(JsonNode object, String ownerKind, ObjectCache owners) {
        String namespace = object.path("metadata").path("namespace").asText("");
        Set<ObjectKey> keys = new LinkedHashSet<>();
        for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                if (ownerKind.equals(ref.path("kind").asText())) {
                    keys.add(new ObjectKey(namespace, ref.path("name").asText()));
                }
                return keys;
            }
        }
        Map<String, String> labels = Json.mapper().convertValue(object.path("metadata").path("labels"),
                Json.mapper().getTypeFactory().constructMapType(Map.class, String.class, String.class));
        for (ObjectNode owner : owners.list(namespace)) {
            JsonNode selector = owner.path("spec").path("selector");
            if (selector.isObject() && Json.convert(selector, LabelSelector.class).matches(labels)) {
                keys.add(ObjectKey.of(owner));
            }
        }
        return keys;
    }
}
