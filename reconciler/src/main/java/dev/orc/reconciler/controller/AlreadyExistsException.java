package dev.orc.reconciler.controller;

/** A create named an object that already exists (HTTP 409, reason AlreadyExists). */
public class AlreadyExistsException extends RuntimeException {
    public AlreadyExistsException(String message) {
        super(message);
    }
}
