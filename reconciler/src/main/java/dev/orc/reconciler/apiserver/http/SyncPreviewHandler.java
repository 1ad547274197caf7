package dev.orc.reconciler.apiserver.http;

import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.GitSource;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;
import dev.orc.reconciler.gitops.SyncPreview;

import java.time.Duration;

/**
 * {@code GET /apis/orc.dev/v1/namespaces/{namespace}/gitsources/{name}/diff[?timeoutSeconds=N]}: what the next sync
 * of the source would change ({@link SyncPreview}), computed by the server so that a client needs neither Git nor
 * the sync planner. The fetch is bounded by {@code timeoutSeconds} and always ends before the request deadline.
 */
final class SyncPreviewHandler {
    private static final Duration DEADLINE_MARGIN = Duration.ofSeconds(10);

    private final ObjectRegistry registry;
    private final SyncPreview preview;
    private final Duration longestFetch;

    SyncPreviewHandler(ObjectRegistry registry, SyncPreview preview, Duration requestTimeout) {
        this.registry = registry;
        this.preview = preview;
        this.longestFetch = requestTimeout.compareTo(DEADLINE_MARGIN.multipliedBy(2)) > 0
                ? requestTimeout.minus(DEADLINE_MARGIN) : requestTimeout.dividedBy(2);
    }

    Reply preview(ApiRequest request) {
        GitSource source = Json.convert(registry.get(ResourceTypes.GIT_SOURCE, request.pathParam("namespace"),
                request.pathParam("name")), GitSource.class);
        Duration fetch = request.longParam("timeoutSeconds").map(this::fetchTimeout).orElse(longestFetch);
        return Reply.ok(preview.of(source, fetch));
    }

    private Duration fetchTimeout(long seconds) {
        if (seconds <= 0) {
            throw new ApiException.BadRequest("timeoutSeconds must be positive, got " + seconds);
        }
        Duration asked = Duration.ofSeconds(seconds);
        return asked.compareTo(longestFetch) < 0 ? asked : longestFetch;
    }
}
