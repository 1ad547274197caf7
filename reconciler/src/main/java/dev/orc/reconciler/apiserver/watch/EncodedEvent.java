package dev.orc.reconciler.apiserver.watch;

import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.WatchEvent;

/**
 * One change of one object as a watch window keeps it: ADDED, MODIFIED or DELETED with the stored bytes of the
 * object after the change (for DELETED its last state, at the deletion's revision) and before it ({@code null} when
 * added). Nothing decoded is kept: each delivery decodes its own {@link DecodedEvent}, which lives only as long as
 * the watchers it went to still hold it.
 */
public record EncodedEvent(String type, long revision, KeyValue object, KeyValue previous) {
    /** What one event costs beyond its keys and values: the record, two KeyValues and their arrays' headers. */
    static final int OVERHEAD_BYTES = 160;

    /** The API event of a store event, or {@code null} for a delete the store could not describe. */
    public static EncodedEvent of(WatchEvent event) {
        long revision = event.revision();
        if (event.type() == WatchEvent.Type.DELETE) {
            if (event.prevKv() == null) {
                return null;
            }
            KeyValue last = event.prevKv();
            return new EncodedEvent("DELETED", revision,
                    new KeyValue(last.key(), last.value(), last.createRevision(), revision, last.version(), last.lease()),
                    null);
        }
        return new EncodedEvent(event.prevKv() == null ? "ADDED" : "MODIFIED", revision, event.kv(), event.prevKv());
    }

    /** The heap this event holds, about: its stored bytes, its key's characters and a fixed overhead. */
    long bytes() {
        return OVERHEAD_BYTES + size(object) + size(previous);
    }

    /** A fresh decoding of this event, shared by the watchers of one delivery. */
    public DecodedEvent decoded() {
        return DecodedEvent.of(this);
    }

    private static long size(KeyValue kv) {
        return kv == null ? 0 : kv.value().length + kv.key().length();
    }
}
