package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;

/**
 * How controllers write: the few API calls they need, each one request. Updates carry the resourceVersion the
 * controller read; a stale one fails with {@link ConflictException} and the reconcile starts over from the cache.
 */
public interface ObjectWriter {
    /** How a delete treats the object's dependents, as Kubernetes' {@code propagationPolicy}. */
    enum Propagation { BACKGROUND, FOREGROUND, ORPHAN }

    /**
     * Creates the object (a {@code metadata.generateName} gets a unique suffix) and returns it as stored.
     *
     * @throws AlreadyExistsException when the name is taken
     */
    ObjectNode create(ResourceType type, ObjectNode object);

    /** Replaces metadata and spec; returns the object as stored. @throws ConflictException on a stale resourceVersion */
    ObjectNode update(ResourceType type, ObjectNode object);

    /** Replaces only the status (the {@code /status} subresource). @throws ConflictException on a stale resourceVersion */
    ObjectNode updateStatus(ResourceType type, ObjectNode object);

    /**
     * Deletes the object if it still has {@code uid} ({@code null}: whichever has the name). An object that is
     * already gone is not an error.
     */
    void delete(ResourceType type, String namespace, String name, String uid, Propagation propagation);
}
