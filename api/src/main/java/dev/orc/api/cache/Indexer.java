package dev.orc.api.cache;

import dev.orc.api.model.KubeObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An informer's objects by key and by each {@link Index}: a lookup by index reads only the objects filed under
 * the value, never the whole cache. Thread-safe: one writer (the informer) and many readers.
 */
final class Indexer<T extends KubeObject> {
    private final List<Index> indexes;
    private final Map<ObjectKey, Cached<T>> items = new HashMap<>();
    private final Map<String, Map<String, Set<ObjectKey>>> filed = new HashMap<>();

    Indexer(List<Index> indexes) {
        this.indexes = List.copyOf(indexes);
        indexes.forEach(index -> filed.put(index.name(), new HashMap<>()));
    }

    /** Stores {@code object} under its key, replacing and returning the version there was. */
    synchronized Optional<Cached<T>> put(Cached<T> object) {
        Cached<T> old = items.put(object.key(), object);
        if (old != null) {
            unfile(old);
        }
        file(object);
        return Optional.ofNullable(old);
    }

    synchronized Optional<Cached<T>> remove(ObjectKey key) {
        Cached<T> old = items.remove(key);
        if (old != null) {
            unfile(old);
        }
        return Optional.ofNullable(old);
    }

    synchronized Optional<Cached<T>> get(ObjectKey key) {
        return Optional.ofNullable(items.get(key));
    }

    synchronized List<Cached<T>> list() {
        return List.copyOf(items.values());
    }

    synchronized Set<ObjectKey> keys() {
        return Set.copyOf(items.keySet());
    }

    /** The objects filed under {@code value} in {@code index}. */
    synchronized List<Cached<T>> byIndex(Index index, String value) {
        Map<String, Set<ObjectKey>> byValue = filed.get(index.name());
        if (byValue == null) {
            throw new IllegalArgumentException("no index " + index.name());
        }
        Set<ObjectKey> keys = byValue.getOrDefault(value, Set.of());
        List<Cached<T>> found = new ArrayList<>(keys.size());
        keys.forEach(key -> found.add(items.get(key)));
        return found;
    }

    private void file(Cached<T> object) {
        for (Index index : indexes) {
            for (String value : index.values().apply(object)) {
                filed.get(index.name()).computeIfAbsent(value, v -> new LinkedHashSet<>()).add(object.key());
            }
        }
    }

    private void unfile(Cached<T> object) {
        for (Index index : indexes) {
            Map<String, Set<ObjectKey>> byValue = filed.get(index.name());
            for (String value : index.values().apply(object)) {
                Set<ObjectKey> keys = byValue.get(value);
                if (keys != null) {
                    keys.remove(object.key());
                    if (keys.isEmpty()) {
                        byValue.remove(value);
                    }
                }
            }
        }
    }
}
