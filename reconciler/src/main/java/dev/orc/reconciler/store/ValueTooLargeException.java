package dev.orc.reconciler.store;

/** A value over {@link Store#MAX_VALUE_BYTES}. */
public class ValueTooLargeException extends StoreException {
    public ValueTooLargeException(String key, int size) {
        super("value for " + key + " is " + size + " bytes; the store takes at most " + Store.MAX_VALUE_BYTES);
    }
}
