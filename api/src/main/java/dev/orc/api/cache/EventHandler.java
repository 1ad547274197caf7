package dev.orc.api.cache;

import dev.orc.api.model.KubeObject;

import java.util.List;
import java.util.function.Consumer;

/**
 * Told when an informer's cache changes. Handlers only map objects to keys and enqueue them; every handler is
 * given the same immutable values the cache holds.
 */
public interface EventHandler<T extends KubeObject> {
    void onAdd(Cached<T> object);

    void onUpdate(Cached<T> oldObject, Cached<T> newObject);

    void onDelete(Cached<T> object);

    /**
     * After each full list (the first, and every re-list after the watch lost its place), with every object the
     * cache then holds; the adds, updates and deletes the list implied were delivered before. For handlers that
     * take a whole state at once, as a node agent adopting its pods does.
     */
    default void onListed(List<Cached<T>> all) {
    }

    /** One handler for all three: enqueue whatever key {@code mapper} gives for the object involved. */
    static <T extends KubeObject> EventHandler<T> enqueue(Consumer<Cached<T>> mapper) {
        return forVersions(mapper, false);
    }

    /** One handler for all three: enqueue the key of the object itself. */
    static <T extends KubeObject> EventHandler<T> enqueueOwnKey(Consumer<ObjectKey> enqueue) {
        return enqueue(object -> enqueue.accept(object.key()));
    }

    /** One handler for all three that hands {@code mapper} every version involved: on update the old, then the new. */
    static <T extends KubeObject> EventHandler<T> enqueueEachVersion(Consumer<Cached<T>> mapper) {
        return forVersions(mapper, true);
    }

    private static <T extends KubeObject> EventHandler<T> forVersions(Consumer<Cached<T>> mapper, boolean oldVersionToo) {
        return new EventHandler<>() {
            @Override
            public void onAdd(Cached<T> object) {
                mapper.accept(object);
            }

            @Override
            public void onUpdate(Cached<T> oldObject, Cached<T> newObject) {
                if (oldVersionToo) {
                    mapper.accept(oldObject);
                }
                mapper.accept(newObject);
            }

            @Override
            public void onDelete(Cached<T> object) {
                mapper.accept(object);
            }
        };
    }
}
