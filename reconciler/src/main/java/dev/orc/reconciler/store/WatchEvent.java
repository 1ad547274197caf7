package dev.orc.reconciler.store;

/**
 * A change to one key. For {@link Type#PUT} {@code kv} is the new value; for {@link Type#DELETE} {@code kv}
 * carries the key and the deletion's revision as {@code modRevision} with an empty value. {@code prevKv}
 * is the value before the change (null when the key was created).
 */
public record WatchEvent(Type type, KeyValue kv, KeyValue prevKv) {
    public enum Type { PUT, DELETE }

    public long revision() {
        return kv.modRevision();
    }
}
