package dev.orc.reconciler.controller.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.EventHandler;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.workqueue.WorkQueue;
import dev.orc.reconciler.controller.ObjectWriter;
import dev.orc.reconciler.controller.runtime.Controller;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Wires the garbage collector over informers of Namespace and every namespaced kind: a change of an object enqueues
 * it and its owners (an owner deleting in the foreground waits on its dependents); an object deleted, or starting or
 * finishing its own deletion, enqueues its dependents (they may now be orphans) and, for a namespace, its contents.
 */
public final class GarbageCollectorController {
    public static final String NAME = "garbagecollector";

    private GarbageCollectorController() {
    }

    /** The kinds the collector needs informers for. */
    public static List<ResourceType> watchedTypes() {
        return ResourceTypes.all().stream().filter(t -> t.namespaced() || t == ResourceTypes.NAMESPACE).toList();
    }

    public static Controller create(Map<ResourceType, Informer> informers, LiveReader live, ObjectWriter writer,
                                    InstantSource clock, int workers) {
        WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
        GcObjects objects = GcObjects.of(informers);
        informers.forEach((type, informer) -> informer.addHandler(handler(type, objects, queue::add)));
        return new Controller(NAME, queue, new GarbageCollector(objects, live, writer), List.copyOf(informers.values()),
                workers);
    }

    static EventHandler handler(ResourceType type, GcObjects objects, Consumer<ObjectKey> enqueue) {
        return new EventHandler() {
            @Override
            public void onAdd(ObjectNode object) {
                enqueue.accept(keyOf(type, object));
                enqueueOwners(object);
            }

            @Override
            public void onUpdate(ObjectNode oldObject, ObjectNode newObject) {
                onAdd(newObject);
                if (!deletionState(oldObject).equals(deletionState(newObject))) {
                    enqueueDependents(newObject);
                }
            }

            @Override
            public void onDelete(ObjectNode object) {
                enqueueOwners(object);
                enqueueDependents(object);
                String namespace = object.path("metadata").path("namespace").asText("");
                if (type.namespaced() && !namespace.isEmpty()) {
                    enqueue.accept(GcKeys.key(ResourceTypes.NAMESPACE, "", namespace));
                }
            }

            private void enqueueOwners(ObjectNode object) {
                String namespace = object.path("metadata").path("namespace").asText("");
                for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
                    ResourceTypes.byApiVersionAndKind(ref.path("apiVersion").asText(), ref.path("kind").asText())
                            .ifPresent(owner -> enqueue.accept(GcKeys.key(owner, namespace, ref.path("name").asText())));
                }
            }

            private void enqueueDependents(ObjectNode object) {
                String uid = object.path("metadata").path("uid").asText();
                String name = object.path("metadata").path("name").asText();
                for (ResourceType dependentType : objects.types()) {
                    for (ObjectNode candidate : objects.matching(dependentType, c -> type == ResourceTypes.NAMESPACE
                            && name.equals(c.path("metadata").path("namespace").asText()) || GcPlanner.references(c, uid))) {
                        enqueue.accept(keyOf(dependentType, candidate));
                    }
                }
            }
        };
    }

    private static ObjectKey keyOf(ResourceType type, JsonNode object) {
        JsonNode metadata = object.path("metadata");
        return GcKeys.key(type, metadata.path("namespace").asText(""), metadata.path("name").asText());
    }

    private static List<Object> deletionState(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        return List.of(Objects.toString(metadata.get("deletionTimestamp")), metadata.path("finalizers").toString());
    }
}
