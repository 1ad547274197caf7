package dev.orc.reconciler.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.reconciler.store.WatchEvent;

/**
 * One change of one object as watch clients see it: ADDED, MODIFIED or DELETED with the object after the
 * change (for DELETED its last state, at the deletion's revision) and before it ({@code null} when added).
 * The trees are shared between watchers and never modified.
 */
public record CachedEvent(String type, long revision, ObjectNode object, ObjectNode previous) {
    /** The API event of a store event, or {@code null} for a delete the store could not describe. */
    static CachedEvent of(WatchEvent event) {
        long revision = event.revision();
        if (event.type() == WatchEvent.Type.DELETE) {
            if (event.prevKv() == null) {
                return null;
            }
            ObjectNode last = Meta.decode(event.prevKv().value(), revision);
            return new CachedEvent("DELETED", revision, last, last);
        }
        ObjectNode object = Meta.decode(event.kv());
        return event.prevKv() == null
                ? new CachedEvent("ADDED", revision, object, null)
                : new CachedEvent("MODIFIED", revision, object, Meta.decode(event.prevKv()));
    }
}
