package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;

import java.util.Optional;

/**
 * Reads one object from the API, not from a cache, for a decision a cache that lags must not make: the garbage
 * collector deletes a dependent only after the API itself confirms the owner is gone; the CronJob controller drops an
 * active Job from its status only once the API says the Job is gone.
 */
@FunctionalInterface
public interface LiveReader {
    Optional<ObjectNode> get(ResourceType type, String namespace, String name);
}
