package dev.orc.reconciler.controller.runtime;

/** A reconcile failure that retrying cannot fix; the key waits for the next change of its object. */
public class TerminalException extends RuntimeException {
    public TerminalException(String message) {
        super(message);
    }
}
