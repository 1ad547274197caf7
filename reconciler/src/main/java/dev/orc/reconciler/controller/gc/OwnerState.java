package dev.orc.reconciler.controller.gc;

/** What became of an object's owner, found by uid (an object of the same name but another uid is another object). */
public enum OwnerState {
    /** Exists and is not being deleted in the foreground. */
    SOLID,
    /** Exists, being deleted with propagationPolicy Foreground: waiting for its dependents to go. */
    DELETING_DEPENDENTS,
    /** No object with that uid exists. */
    ABSENT
}
