package dev.orc.reconciler.manager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ApiException;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WatchEvent;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.client.WatchListener;
import dev.orc.api.meta.ResourceType;
import dev.orc.reconciler.controller.runtime.ListWatcher;

import java.util.ArrayList;
import java.util.List;

/** Informers read the cluster through the API like any other client: list, then watch with bookmarks. */
public final class ClientListWatcher implements ListWatcher {
    private final ApiClient client;
    private final String labelSelector;

    public ClientListWatcher(ApiClient client) {
        this(client, null);
    }

    /** Only objects matching {@code labelSelector} (null for all). */
    public ClientListWatcher(ApiClient client, String labelSelector) {
        this.client = client;
        this.labelSelector = labelSelector;
    }

    @Override
    public Listing list(ResourceType type) {
        ObjectNode list = client.listAll(type, null, ListOptions.labelSelector(labelSelector).withLimit(500));
        List<ObjectNode> items = new ArrayList<>();
        for (JsonNode item : list.path("items")) {
            if (item instanceof ObjectNode object) {
                object.put("apiVersion", type.apiVersion());
                object.put("kind", type.kind());
                items.add(object);
            }
        }
        return new Listing(items, list.path("metadata").path("resourceVersion").asText(""));
    }

    @Override
    public Handle watch(ResourceType type, String resourceVersion, Events events) {
        ListOptions options = ListOptions.labelSelector(labelSelector).withResourceVersion(resourceVersion).withBookmarks(true);
        WatchHandle handle = client.watch(type, null, options, new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                EventType eventType = switch (event.type()) {
                    case ADDED -> EventType.ADDED;
                    case MODIFIED -> EventType.MODIFIED;
                    case DELETED -> EventType.DELETED;
                    default -> EventType.BOOKMARK;
                };
                events.onEvent(eventType, event.object());
            }

            @Override
            public void onClose(ApiException failure) {
                events.onClose(failure != null && failure.isGone(), failure);
            }
        });
        return handle::close;
    }
}
