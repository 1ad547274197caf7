package dev.orc.reconciler.controller.gc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;

import java.util.Optional;

/**
 * Reads one object from the API, not from a cache. The garbage collector deletes a dependent only after the API
 * itself confirms the owner is gone: a cache of another kind may simply not have seen the owner yet.
 */
@FunctionalInterface
public interface LiveReader {
    Optional<ObjectNode> get(ResourceType type, String namespace, String name);
}
