package dev.orc.reconciler.store;

/**
 * One stored key at one revision. {@code modRevision} is the revision of the write that produced
 * this value (the object's resourceVersion); {@code lease} is 0 when the key has none.
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision, long version, long lease) {
}
