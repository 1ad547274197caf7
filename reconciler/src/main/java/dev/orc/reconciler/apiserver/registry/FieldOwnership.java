package dev.orc.reconciler.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Who owns which fields after a write: given the stored object ({@code null} when the write creates it) and the
 * object about to be stored (admitted, defaulted), the object to store with its {@code metadata.managedFields}
 * brought up to date. Runs on every attempt of a write; a write that changes nothing must come back unchanged.
 */
@FunctionalInterface
public interface FieldOwnership {
    /** For writes whose ownership is settled elsewhere (server-side apply) or not recorded (the server's own). */
    FieldOwnership UNRECORDED = (existing, updated) -> updated;

    ObjectNode record(ObjectNode existing, ObjectNode updated);
}
