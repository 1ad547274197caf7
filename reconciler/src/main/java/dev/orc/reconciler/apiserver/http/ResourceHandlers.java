package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.client.PatchType;
import dev.orc.reconciler.apiserver.patch.Patches;
import dev.orc.reconciler.apiserver.patch.ServerSideApply;
import dev.orc.reconciler.apiserver.patch.UpdateOwnership;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.DeleteOptions;
import dev.orc.reconciler.apiserver.registry.Deletion;
import dev.orc.reconciler.apiserver.registry.Meta;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;

import java.time.Clock;

/** The verbs on one resource type's objects and their status subresource. */
final class ResourceHandlers {
    static final int MAX_LIST_LIMIT = 5_000;

    private final ResourceType type;
    private final ObjectRegistry registry;
    private final Deletion deletion;
    private final WriteGuard guard;
    private final Clock clock;

    ResourceHandlers(ResourceType type, ObjectRegistry registry, Deletion deletion, WriteGuard guard, Clock clock) {
        this.clock = clock;
        this.type = type;
        this.registry = registry;
        this.deletion = deletion;
        this.guard = guard;
    }

    private String namespace(ApiRequest request) {
        return type.namespaced() ? request.pathParam("namespace") : null;
    }

    Reply get(ApiRequest request) {
        return Reply.ok(registry.get(type, namespace(request), request.pathParam("name")));
    }

    /**
     * A list; a {@code limit} above {@value #MAX_LIST_LIMIT} is read as that many (the client follows the continue
     * token for the rest, as it must for any limit).
     */
    Reply list(ApiRequest request) {
        int limit = (int) Math.min(Math.max(request.longParam("limit").orElse(0L), 0), MAX_LIST_LIMIT);
        return Reply.ok(registry.list(type, namespace(request), request.selection(), limit,
                request.queryParam("continue").orElse(null)));
    }

    Reply create(ApiRequest request) {
        String namespace = namespace(request);
        return Reply.created(registry.create(type, namespace, guard.check(namespace, request.objectBody()),
                ownership(request, null), request.dryRun()));
    }

    Reply update(ApiRequest request) {
        String namespace = namespace(request);
        return Reply.ok(registry.update(type, namespace, request.pathParam("name"),
                guard.check(namespace, request.objectBody()), ObjectRegistry.Part.MAIN, ownership(request, null),
                request.dryRun()));
    }

    /** The request's writer as the owner of what it changes, through {@code subresource} (null: the object itself). */
    private UpdateOwnership ownership(ApiRequest request, String subresource) {
        return new UpdateOwnership(type, request.fieldManager(), subresource, clock);
    }

    Reply patch(ApiRequest request) {
        if (isApply(request)) {
            return apply(request);
        }
        return Reply.ok(patch(request, ObjectRegistry.Part.MAIN));
    }

    /** Server-side apply: the object made or changed to hold the applied fields, as their manager's. */
    private Reply apply(ApiRequest request) {
        ServerSideApply apply = new ServerSideApply(type, request.queryParam("fieldManager").orElse(null),
                request.flag("force"), clock.instant());
        ObjectNode applied = request.yamlObjectBody();
        String namespace = namespace(request);
        String name = request.pathParam("name");
        String appliedName = applied.path("metadata").path("name").asText("");
        if (!appliedName.equals(name)) {
            throw new ApiException.BadRequest("the applied configuration names \"" + appliedName + "\", the path \""
                    + name + "\"");
        }
        String appliedNamespace = applied.path("metadata").path("namespace").asText("");
        if (namespace != null && !appliedNamespace.isEmpty() && !appliedNamespace.equals(namespace)) {
            throw new ApiException.BadRequest("the applied configuration's namespace \"" + appliedNamespace
                    + "\" does not match the path's \"" + namespace + "\"");
        }
        try {
            return Reply.ok(registry.modify(type, namespace, name,
                    current -> guard.check(namespace, apply.apply(current, applied)), ObjectRegistry.Part.MAIN,
                    request.dryRun()));
        } catch (ApiException.NotFound absent) {
            return Reply.created(registry.create(type, namespace, guard.check(namespace, apply.apply(null, applied)),
                    request.dryRun()));
        }
    }

    private static boolean isApply(ApiRequest request) {
        String contentType = request.contentType();
        return contentType != null && contentType.split(";")[0].trim().equals(ServerSideApply.CONTENT_TYPE);
    }

    Reply getStatus(ApiRequest request) {
        return get(request);
    }

    Reply updateStatus(ApiRequest request) {
        return Reply.ok(registry.update(type, namespace(request), request.pathParam("name"), request.objectBody(),
                ObjectRegistry.Part.STATUS, ownership(request, "status"), request.dryRun()));
    }

    Reply patchStatus(ApiRequest request) {
        if (isApply(request)) {
            throw new ApiException.UnsupportedMediaType(ServerSideApply.CONTENT_TYPE + " on the status subresource");
        }
        return Reply.ok(patch(request, ObjectRegistry.Part.STATUS));
    }

    private ObjectNode patch(ApiRequest request, ObjectRegistry.Part part) {
        PatchType patchType = Patches.typeOf(request.contentType());
        JsonNode patch = request.jsonBody();
        String namespace = namespace(request);
        return registry.modify(type, namespace, request.pathParam("name"),
                current -> guard.check(namespace, Patches.apply(patchType, current, patch)), part,
                ownership(request, part == ObjectRegistry.Part.STATUS ? "status" : null), request.dryRun());
    }

    Reply delete(ApiRequest request) {
        return Reply.ok(deletion.delete(type, namespace(request), request.pathParam("name"), request.deleteOptions(),
                request.dryRun()));
    }

    /** Deletes every selected object of the collection; answers the list of what was deleted or marked. */
    Reply deleteCollection(ApiRequest request) {
        DeleteOptions options = request.deleteOptions();
        ObjectNode list = registry.list(type, namespace(request), request.selection(), 0, null);
        JsonNode selected = list.get("items");
        ArrayNode deleted = list.putArray("items");
        for (JsonNode item : selected) {
            try {
                deleted.add(deletion.delete(type, Meta.namespace((ObjectNode) item), Meta.name((ObjectNode) item), options,
                        request.dryRun()));
            } catch (ApiException.NotFound alreadyGone) {
                // deleted by someone else meanwhile: the outcome the client asked for
            }
        }
        return Reply.ok(list);
    }
}
