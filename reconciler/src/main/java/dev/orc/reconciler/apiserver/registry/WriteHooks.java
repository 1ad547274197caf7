package dev.orc.reconciler.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;

/**
 * Side effects of storing objects that must happen with the write itself: claiming what an object reserves
 * (a Service's cluster IP and node ports) before it is stored, and freeing it when the object leaves the store.
 */
public interface WriteHooks {
    WriteHooks NONE = new WriteHooks() {
        @Override
        public Reserved beforeStore(ResourceType type, ObjectNode previous, ObjectNode next, boolean dryRun) {
            return Reserved.nothing(next);
        }

        @Override
        public void afterStored(ResourceType type, ObjectNode previous, ObjectNode stored) {
        }

        @Override
        public void afterRemoved(ResourceType type, ObjectNode removed) {
        }
    };

    /**
     * The object to store, with what it reserves filled in, and how to give back what this call reserved when the
     * store refuses it (a conflict); {@code previous} is null on create.
     */
    Reserved beforeStore(ResourceType type, ObjectNode previous, ObjectNode next, boolean dryRun);

    /** The object to store and the undoing of exactly what was reserved for it. */
    record Reserved(ObjectNode object, Runnable undo) {
        public static Reserved nothing(ObjectNode object) {
            return new Reserved(object, () -> { });
        }
    }

    /**
     * An update of {@code previous} to {@code stored} is in the store: only now may what {@code previous} reserved and
     * {@code stored} no longer uses be given back (before, a failed write would leave it held by the stored object
     * and free for another at once).
     */
    void afterStored(ResourceType type, ObjectNode previous, ObjectNode stored);

    void afterRemoved(ResourceType type, ObjectNode removed);
}
