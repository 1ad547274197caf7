package dev.orc.reconciler.manager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.GitSource;
import dev.orc.api.model.GitSourceStatus;
import dev.orc.api.model.Secret;
import dev.orc.reconciler.gitops.GitSourceApi;

import java.util.Optional;

/** The GitSource controller's status writes, secret reads and events, over the API. */
public final class ClientGitSourceApi implements GitSourceApi {
    private final ApiClient client;
    private final ClientEvents events;

    public ClientGitSourceApi(ApiClient client, ClientEvents events) {
        this.client = client;
        this.events = events;
    }

    @Override
    public void writeStatus(GitSource source, GitSourceStatus status) {
        ObjectNode object = (ObjectNode) Json.tree(source);
        object.set("status", Json.tree(status));
        client.updateStatus(ResourceTypes.GIT_SOURCE, source.metadata().namespace(), object);
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return client.find(ResourceTypes.SECRET, namespace, name).map(found -> Json.convert(found, Secret.class));
    }

    @Override
    public void event(GitSource source, String type, String reason, String message) {
        events.record(Json.tree(source), type, reason, message);
    }
}
