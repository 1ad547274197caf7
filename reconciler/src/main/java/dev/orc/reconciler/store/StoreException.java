package dev.orc.reconciler.store;

/** Any failure of the store; subclasses say which. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
