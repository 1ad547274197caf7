package dev.orc.reconciler.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.reconciler.apiserver.registry.Meta;
import dev.orc.reconciler.store.KeyValue;

/**
 * One object as its type's {@link WatchCache} holds it now: its stored bytes, and its JSON as the API answers it
 * (resourceVersion included), written once: when the change that made it was streamed to watchers, or else when a list
 * first asks for it. So a list from the cache writes out bytes instead of decoding every object from the store.
 */
public final class CachedObject {
    private final KeyValue stored;
    private byte[] json;

    CachedObject(KeyValue stored, byte[] json) {
        this.stored = stored;
        this.json = json;
    }

    String key() {
        return stored.key();
    }

    /** The object's JSON; shared, so never to be changed. */
    public synchronized byte[] json() {
        if (json == null) {
            json = Json.bytes(Meta.decode(stored));
        }
        return json;
    }

    /** A fresh tree of the object, the caller's to read or change. */
    public ObjectNode decode() {
        return Meta.decode(stored);
    }
}
