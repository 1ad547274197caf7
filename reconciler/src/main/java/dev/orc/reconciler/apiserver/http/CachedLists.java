package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.reconciler.apiserver.registry.Selection;
import dev.orc.reconciler.apiserver.watch.CachedObject;
import dev.orc.reconciler.apiserver.watch.WatchCache;
import dev.orc.reconciler.apiserver.watch.WatchCaches;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Lists that ask for any version ({@code resourceVersion=0}, as client-go's informers list first, and the dashboard),
 * answered from the type's watch cache as kube-apiserver answers them: at the cache's revision, each object's JSON
 * written out as the cache holds it, with no store read and no decoding but for a selector's matching. A list that
 * pages ({@code limit}, {@code continue}), asks for no version (a consistent read) or for a given one, or comes while
 * the cache is not live, is answered from the store.
 */
final class CachedLists {
    private static final byte[] ITEMS = ",\"items\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "]}".getBytes(StandardCharsets.US_ASCII);

    private final WatchCaches caches;

    CachedLists(WatchCaches caches) {
        this.caches = caches;
    }

    /** The lists of {@code type}: from its watch cache when the request allows it, else as {@code fromStore} answers. */
    ApiHandler list(ResourceType type, ApiHandler fromStore) {
        return request -> fromCache(type, request).orElseGet(() -> fromStore.handle(request));
    }

    private Optional<Reply> fromCache(ResourceType type, ApiRequest request) {
        if (!request.queryParam("resourceVersion").orElse("").equals("0") || request.queryParam("continue").isPresent()
                || request.longParam("limit").orElse(0L) > 0) {
            return Optional.empty();
        }
        String namespace = type.namespaced() ? request.pathParam("namespace") : null;
        String prefix = namespace == null ? type.storePrefix() : type.storePrefix() + namespace + "/";
        Selection selection = request.selection();
        return caches.of(type).list(prefix).map(snapshot -> Reply.okJson(render(type, snapshot, selection)));
    }

    private static byte[] render(ResourceType type, WatchCache.Snapshot snapshot, Selection selection) {
        boolean everything = selection.equals(Selection.everything());
        ObjectNode list = Json.object().put("kind", type.kind() + "List").put("apiVersion", type.apiVersion());
        list.putObject("metadata").put("resourceVersion", Long.toString(snapshot.revision()));
        byte[] head = Json.bytes(list);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + snapshot.objects().size() * 2048);
        out.write(head, 0, head.length - 1);
        out.writeBytes(ITEMS);
        boolean first = true;
        for (CachedObject object : snapshot.objects()) {
            if (everything || selection.matches(object.decode())) {
                if (!first) {
                    out.write(',');
                }
                out.writeBytes(object.json());
                first = false;
            }
        }
        out.writeBytes(END);
        return out.toByteArray();
    }
}
