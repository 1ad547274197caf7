package dev.orc.reconciler.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.reconciler.apiserver.registry.Meta;
import dev.orc.reconciler.store.KeyValue;

/**
 * One change of one object as watchers see it: the event type, the object after the change and before it
 * ({@code null} when added, the object itself when deleted). The objects are decoded from the stored bytes when
 * first asked for (a change no watcher selects by its content is never parsed), and the object's JSON is written
 * once for every watcher that streams it. The trees are shared between the watchers of one delivery and never
 * modified; no window keeps them (see {@link EncodedEvent}).
 */
final class DecodedEvent {
    private final String type;
    private final long revision;
    private final KeyValue stored;
    private final KeyValue storedBefore;
    private ObjectNode object;
    private ObjectNode previous;
    private byte[] json;

    private DecodedEvent(String type, long revision, KeyValue stored, KeyValue storedBefore, ObjectNode object,
                         ObjectNode previous) {
        this.type = type;
        this.revision = revision;
        this.stored = stored;
        this.storedBefore = storedBefore;
        this.object = object;
        this.previous = previous;
    }

    /** An event of already decoded objects. */
    static DecodedEvent of(String type, long revision, ObjectNode object, ObjectNode previous) {
        return new DecodedEvent(type, revision, null, null, object, previous);
    }

    /** An event decoded from {@code encoded}'s stored bytes as it is asked for. */
    static DecodedEvent of(EncodedEvent encoded) {
        return new DecodedEvent(encoded.type(), encoded.revision(), encoded.object(), encoded.previous(), null, null);
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
