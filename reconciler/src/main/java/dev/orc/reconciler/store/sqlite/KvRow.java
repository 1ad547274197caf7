package dev.orc.reconciler.store.sqlite;

import dev.orc.reconciler.store.KeyValue;

/** One row of the revision table: one write of one key. */
record KvRow(long id, String name, boolean deleted, long createRevision, long prevRevision, long version,
             long lease, byte[] value) {
    KeyValue toKeyValue() {
        return new KeyValue(name, value, createRevision, id, version, lease);
    }
}
