package dev.orc.api.cache.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ListWatcher;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.meta.ResourceType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory ListWatcher for one kind, standing in for the API server where only an informer's source is
 * wanted (the scheduler's benchmark and tests, as client-go's {@code tools/cache/testing} source): objects get
 * increasing resourceVersions, and a watch replays what happened after its revision and then follows every change.
 */
public final class MemorySource implements ListWatcher {
    private record Change(long revision, EventType type, ObjectNode object) {
    }

    private final Map<ObjectKey, ObjectNode> objects = new LinkedHashMap<>();
    private final List<Change> history = new ArrayList<>();
    private final List<Events> watchers = new ArrayList<>();
    private long revision;

    /** Creates or replaces the object; returns the stored copy with its new resourceVersion. */
    public synchronized ObjectNode put(ObjectNode object) {
        ObjectNode stored = object.deepCopy();
        metadata(stored).put("resourceVersion", Long.toString(++revision));
        ObjectNode old = objects.put(ObjectKey.of(stored), stored);
        publish(new Change(revision, old == null ? EventType.ADDED : EventType.MODIFIED, stored));
        return stored.deepCopy();
    }

    public synchronized void delete(ObjectKey key) {
        ObjectNode old = objects.remove(key);
        if (old != null) {
            ObjectNode gone = old.deepCopy();
            metadata(gone).put("resourceVersion", Long.toString(++revision));
            publish(new Change(revision, EventType.DELETED, gone));
        }
    }

    public synchronized ObjectNode get(ObjectKey key) {
        ObjectNode object = objects.get(key);
        return object == null ? null : object.deepCopy();
    }

    private static ObjectNode metadata(ObjectNode object) {
        return object.get("metadata") instanceof ObjectNode meta ? meta : object.putObject("metadata");
    }

    private void publish(Change change) {
        history.add(change);
        for (Events watcher : watchers) {
            watcher.onEvent(change.type(), change.object().deepCopy());
        }
    }

    @Override
    public synchronized Listing list(ResourceType type) {
        List<ObjectNode> items = new ArrayList<>(objects.size());
        objects.values().forEach(object -> items.add(object.deepCopy()));
        return new Listing(items, Long.toString(revision));
    }

    @Override
    public synchronized Handle watch(ResourceType type, String resourceVersion, Events events) {
        long from = resourceVersion == null || resourceVersion.isEmpty() ? 0 : Long.parseLong(resourceVersion);
        for (Change change : history) {
            if (change.revision() > from) {
                events.onEvent(change.type(), change.object().deepCopy());
            }
        }
        watchers.add(events);
        return () -> {
            synchronized (MemorySource.this) {
                watchers.remove(events);
            }
        };
    }
}
