package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One step of a sync. {@code desired} is the full object to create (CREATE), {@code patch} the merge patch
 * to send (UPDATE); PRUNE deletes, UNCHANGED does nothing. {@code live} is the object as the plan read it (UPDATE and
 * UNCHANGED; null otherwise).
 */
public record SyncAction(Type type, ManagedRef ref, ObjectNode desired, ObjectNode patch, ObjectNode live) {
    public enum Type { CREATE, UPDATE, UNCHANGED, PRUNE }

    /** The word a person reads in status and CLI tables. */
    public String verb() {
        return switch (type) {
            case CREATE -> "created";
            case UPDATE -> "configured";
            case UNCHANGED -> "unchanged";
            case PRUNE -> "pruned";
        };
    }
}
