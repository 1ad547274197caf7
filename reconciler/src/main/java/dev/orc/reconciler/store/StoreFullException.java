package dev.orc.reconciler.store;

/** A write refused because the store has no space left (a full disk under SQLite); reads go on working. */
public class StoreFullException extends StoreException {
    public StoreFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
