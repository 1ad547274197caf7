package dev.orc.reconciler.store;

/** An update or guarded delete found no such key. */
public class KeyNotFoundException extends StoreException {
    public KeyNotFoundException(String key) {
        super("key not found: " + key);
    }
}
