package dev.orc.api.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;

import java.util.List;

/** Where an informer reads from: a full list at a resourceVersion, then a watch from it. */
public interface ListWatcher {
    record Listing(List<ObjectNode> items, String resourceVersion) {
        public Listing {
            items = List.copyOf(items);
        }
    }

    enum EventType { ADDED, MODIFIED, DELETED, BOOKMARK }

    interface Events {
        void onEvent(EventType type, ObjectNode object);

        /** The watch ended: {@code gone} when its resourceVersion is too old and a re-list is needed. */
        void onClose(boolean gone, Exception cause);
    }

    interface Handle extends AutoCloseable {
        @Override
        void close();
    }

    Listing list(ResourceType type);

    Handle watch(ResourceType type, String resourceVersion, Events events);
}
