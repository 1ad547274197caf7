package dev.orc.reconciler.manager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ApiException;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.meta.ResourceType;
import dev.orc.reconciler.controller.AlreadyExistsException;
import dev.orc.reconciler.controller.ConflictException;
import dev.orc.reconciler.controller.ObjectWriter;

/** Controllers' writes over the API client, with the API's answers turned into the controllers' exceptions. */
public final class ClientObjectWriter implements ObjectWriter {
    private final ApiClient client;

    public ClientObjectWriter(ApiClient client) {
        this.client = client;
    }

    @Override
    public ObjectNode create(ResourceType type, ObjectNode object) {
        try {
            return client.create(type, object.path("metadata").path("namespace").asText(null), object, WriteOptions.defaults());
        } catch (ApiException e) {
            if (e.isAlreadyExists()) {
                throw new AlreadyExistsException(e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public ObjectNode update(ResourceType type, ObjectNode object) {
        try {
            return client.update(type, object.path("metadata").path("namespace").asText(null), object, WriteOptions.defaults());
        } catch (ApiException e) {
            throw translate(e);
        }
    }

    @Override
    public ObjectNode updateStatus(ResourceType type, ObjectNode object) {
        try {
            return client.updateStatus(type, object.path("metadata").path("namespace").asText(null), object);
        } catch (ApiException e) {
            throw translate(e);
        }
    }

    @Override
    public void delete(ResourceType type, String namespace, String name, String uid, Propagation propagation) {
        DeleteOptions options = DeleteOptions.defaults().withPreconditionUid(uid).withPropagation(switch (propagation) {
            case BACKGROUND -> DeleteOptions.Propagation.Background;
            case FOREGROUND -> DeleteOptions.Propagation.Foreground;
            case ORPHAN -> DeleteOptions.Propagation.Orphan;
        });
        try {
            client.delete(type, namespace, name, options);
        } catch (ApiException e) {
            if (!e.isNotFound() && !e.isConflict()) {
                throw e;
            }
        }
    }

    private static RuntimeException translate(ApiException e) {
        return e.isConflict() ? new ConflictException(e.getMessage()) : e;
    }
}
