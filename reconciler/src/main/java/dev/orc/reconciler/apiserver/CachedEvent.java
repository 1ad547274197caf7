package dev.orc.reconciler.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.WatchEvent;

/**
 * One change of one object as watch clients see it: ADDED, MODIFIED or DELETED with the object after the
 * change (for DELETED its last state, at the deletion's revision) and before it ({@code null} when added).
 * The objects are decoded from the stored bytes when first asked for (a change nobody watches is never
 * parsed), and the object's JSON is written once for every watcher that streams it. The trees are shared
 * between watchers and never modified.
 */
final class CachedEvent {
    private final String type;
    private final long revision;
    private final KeyValue stored;
    private final KeyValue storedBefore;
    private ObjectNode object;
    private ObjectNode previous;
    private byte[] json;

    private CachedEvent(String type, long revision, KeyValue stored, KeyValue storedBefore, ObjectNode object,
                        ObjectNode previous) {
        this.type = type;
        this.revision = revision;
        this.stored = stored;
        this.storedBefore = storedBefore;
        this.object = object;
        this.previous = previous;
    }

    /** An event of already decoded objects. */
    static CachedEvent of(String type, long revision, ObjectNode object, ObjectNode previous) {
        return new CachedEvent(type, revision, null, null, object, previous);
    }

    /** The API event of a store event, or {@code null} for a delete the store could not describe. */
    static CachedEvent of(WatchEvent event) {
        long revision = event.revision();
        if (event.type() == WatchEvent.Type.DELETE) {
            if (event.prevKv() == null) {
                return null;
            }
            KeyValue last = event.prevKv();
            return new CachedEvent("DELETED", revision,
                    new KeyValue(last.key(), last.value(), last.createRevision(), revision, last.version(), last.lease()),
                    null, null, null);
        }
        return new CachedEvent(event.prevKv() == null ? "ADDED" : "MODIFIED", revision, event.kv(), event.prevKv(),
                null, null);
    }

    String type() {
        return type;
    }

    long revision() {
        return revision;
    }

    synchronized ObjectNode object() {
        if (object == null) {
            object = Meta.decode(stored);
        }
        return object;
    }

    /** The object before the change: {@code null} when added, the object itself when deleted. */
    synchronized ObjectNode previous() {
        if (type.equals("DELETED")) {
            return object();
        }
        if (previous == null && storedBefore != null) {
            previous = Meta.decode(storedBefore);
        }
        return previous;
    }

    /** {@link #object()} as JSON, written once however many watchers stream it. */
    synchronized byte[] objectJson() {
        if (json == null) {
            json = Json.bytes(object());
        }
        return json;
    }
}
