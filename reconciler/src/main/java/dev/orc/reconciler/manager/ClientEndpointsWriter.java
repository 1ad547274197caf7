package dev.orc.reconciler.manager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ApiException;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Endpoints;
import dev.orc.reconciler.controller.endpoints.EndpointsWriter;

/** The endpoints controller's writes over the API. */
public final class ClientEndpointsWriter implements EndpointsWriter {
    private final ApiClient client;

    public ClientEndpointsWriter(ApiClient client) {
        this.client = client;
    }

    @Override
    public void create(Endpoints endpoints) {
        client.create(ResourceTypes.ENDPOINTS, endpoints.metadata().namespace(), tree(endpoints), WriteOptions.defaults());
    }

    @Override
    public void update(Endpoints endpoints) {
        client.update(ResourceTypes.ENDPOINTS, endpoints.metadata().namespace(), tree(endpoints), WriteOptions.defaults());
    }

    @Override
    public void delete(String namespace, String name) {
        try {
            client.delete(ResourceTypes.ENDPOINTS, namespace, name, DeleteOptions.defaults());
        } catch (ApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    private static ObjectNode tree(Endpoints endpoints) {
        ObjectNode object = (ObjectNode) Json.tree(endpoints);
        object.put("apiVersion", "v1").put("kind", "Endpoints");
        return object;
    }
}
