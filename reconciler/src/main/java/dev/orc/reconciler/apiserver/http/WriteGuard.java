package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A check of the object a write would store, made with the request's user bound (see
 * {@code auth.RequestUser}): RBAC's escalation check for the RBAC kinds, nothing for the others.
 */
@FunctionalInterface
public interface WriteGuard {
    WriteGuard NONE = (namespace, object) -> object;

    /** The object to write in {@code namespace}, or an {@code ApiException} saying why not. */
    ObjectNode check(String namespace, ObjectNode object);
}
