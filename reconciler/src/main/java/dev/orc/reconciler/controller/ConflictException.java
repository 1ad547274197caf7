package dev.orc.reconciler.controller;

/** A write carried a resourceVersion that is no longer current (HTTP 409, reason Conflict). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
