package dev.orc.reconciler.controller.endpoints;

import dev.orc.api.model.Endpoints;

/**
 * The endpoints controller's writes, through the API. Implementations fail (throw) on conflicts; the
 * controller then re-reads on its next run.
 */
public interface EndpointsWriter {
    void create(Endpoints endpoints) throws Exception;

    /** Replaces the object; {@code endpoints.metadata().resourceVersion()} is the version that was read. */
    void update(Endpoints endpoints) throws Exception;

    void delete(String namespace, String name) throws Exception;
}
