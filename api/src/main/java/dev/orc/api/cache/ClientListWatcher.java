package dev.orc.api.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WatchEvent;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.client.WatchListener;
import dev.orc.api.meta.ResourceType;

import java.util.ArrayList;
import java.util.List;

/**
 * An informer's source over an {@link ApiClient}, HTTP or in-process: list in pages, then watch with bookmarks,
 * both restricted to one namespace (null for all) and the label and field selectors of {@code selection}.
 */
public final class ClientListWatcher implements ListWatcher {
    private static final long PAGE = 500;

    private final ApiClient client;
    private final String namespace;
    private final ListOptions selection;

    public ClientListWatcher(ApiClient client) {
        this(client, null, ListOptions.all());
    }

    /** Only objects in {@code namespace} (null for every namespace) that {@code selection}'s selectors match. */
    public ClientListWatcher(ApiClient client, String namespace, ListOptions selection) {
        this.client = client;
        this.namespace = namespace;
        this.selection = ListOptions.all().withLabelSelector(selection.labelSelector())
                .withFieldSelector(selection.fieldSelector());
    }

    @Override
    public Listing list(ResourceType type) {
        ObjectNode list = client.listAll(type, namespace, selection.withLimit(PAGE));
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
        ListOptions options = selection.withResourceVersion(resourceVersion).withBookmarks(true);
        WatchHandle handle = client.watch(type, namespace, options, new WatchListener() {
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
