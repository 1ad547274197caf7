package dev.orc.reconciler.controller.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.EventHandler;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.KubeObject;
import dev.orc.api.workqueue.WorkQueue;
import dev.orc.reconciler.controller.runtime.Controller;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The kinds the collector needs informers for: Namespace and every namespaced kind but Event, which Kubernetes'
     * collector ignores too. Events come and go by the thousand and expire on their own; an informer of them held
     * every one for its hour (the heap grew by 9 MB a minute under {@code orc bench soak}). A namespace being
     * deleted has its Events deleted as a collection when nothing else is left in it.
     */
    public static List<ResourceType> watchedTypes() {
        return ResourceTypes.all().stream().filter(t -> t.namespaced() || t == ResourceTypes.NAMESPACE)
                .filter(t -> t != ResourceTypes.EVENT).toList();
    }

    public static Controller create(Map<ResourceType, Informer<?>> informers, ApiClient client,
                                    InstantSource clock, int workers) {
        WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
        Map<ResourceType, ObjectCache<?>> caches = new LinkedHashMap<>();
        informers.forEach((type, informer) -> caches.put(type, ObjectCache.of(informer)));
        GcObjects objects = new GcObjects(caches);
        informers.forEach((type, informer) -> watch(informer, type, objects, queue::add));
        return new Controller(NAME, queue, new GarbageCollector(objects, client), List.copyOf(informers.values()),
                workers);
    }

    private static <T extends KubeObject> void watch(Informer<T> informer, ResourceType type, GcObjects objects,
                                                     Consumer<ObjectKey> enqueue) {
        informer.addHandler(handler(type, objects, enqueue));
    }

    static <T extends KubeObject> EventHandler<T> handler(ResourceType type, GcObjects objects,
                                                          Consumer<ObjectKey> enqueue) {
        return new EventHandler<>() {
            @Override
            public void onAdd(Cached<T> object) {
                enqueue.accept(GcKeys.key(type, object.namespace(), object.name()));
                enqueueOwners(object);
            }

            @Override
            public void onUpdate(Cached<T> oldObject, Cached<T> newObject) {
                onAdd(newObject);
                if (!deletionState(oldObject).equals(deletionState(newObject))) {
                    enqueueDependents(newObject);
                }
            }

            @Override
            public void onDelete(Cached<T> object) {
                enqueueOwners(object);
                enqueueDependents(object);
                if (type.namespaced() && !object.namespace().isEmpty()) {
                    enqueue.accept(GcKeys.key(ResourceTypes.NAMESPACE, "", object.namespace()));
                }
            }

            private void enqueueOwners(Cached<T> object) {
                for (JsonNode ref : object.at("/metadata/ownerReferences")) {
                    ResourceTypes.byApiVersionAndKind(ref.path("apiVersion").asText(), ref.path("kind").asText())
                            .ifPresent(owner -> enqueue.accept(
                                    GcKeys.key(owner, object.namespace(), ref.path("name").asText())));
                }
            }

            private void enqueueDependents(Cached<T> object) {
                for (ResourceType dependentType : objects.types()) {
                    List<ObjectNode> found = new ArrayList<>(objects.dependents(dependentType, object.uid()));
                    if (type == ResourceTypes.NAMESPACE) {
                        found.addAll(objects.inNamespace(dependentType, object.name()));
                    }
                    found.forEach(dependent -> enqueue.accept(keyOf(dependentType, dependent)));
                }
            }
        };
    }

    private static ObjectKey keyOf(ResourceType type, JsonNode object) {
        JsonNode metadata = object.path("metadata");
        return GcKeys.key(type, metadata.path("namespace").asText(""), metadata.path("name").asText());
    }

    private static List<Object> deletionState(Cached<?> object) {
        return List.of(object.text("/metadata/deletionTimestamp"), object.at("/metadata/finalizers"));
    }
}
