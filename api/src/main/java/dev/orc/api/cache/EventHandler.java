package dev.orc.api.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Consumer;

/**
 * Told when an informer's cache changes. Handlers only map objects to keys and enqueue them; they must not
 * change the objects they are given.
 */
public interface EventHandler {
    void onAdd(ObjectNode object);

    void onUpdate(ObjectNode oldObject, ObjectNode newObject);

    void onDelete(ObjectNode object);

    /** One handler for all three: enqueue whatever key {@code mapper} gives for the object involved. */
    static EventHandler enqueue(Consumer<ObjectNode> mapper) {
        return forVersions(mapper, false);
    }

    /** One handler for all three: enqueue the key of the object itself. */
    static EventHandler enqueueOwnKey(Consumer<ObjectKey> enqueue) {
        return enqueue(object -> enqueue.accept(ObjectKey.of(object)));
    }

    /** One handler for all three that hands {@code mapper} every version involved: on update the old, then the new. */
    static EventHandler enqueueEachVersion(Consumer<ObjectNode> mapper) {
        return forVersions(mapper, true);
    }

    private static EventHandler forVersions(Consumer<ObjectNode> mapper, boolean oldVersionToo) {
        return new EventHandler() {
            @Override
            public void onAdd(ObjectNode object) {
                mapper.accept(object);
            }

            @Override
            public void onUpdate(ObjectNode oldObject, ObjectNode newObject) {
                if (oldVersionToo) {
                    mapper.accept(oldObject);
                }
                mapper.accept(newObject);
            }

            @Override
            public void onDelete(ObjectNode object) {
                mapper.accept(object);
            }
        };
    }
}
