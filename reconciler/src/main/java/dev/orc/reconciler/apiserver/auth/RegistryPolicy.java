package dev.orc.reconciler.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.ClusterRole;
import dev.orc.api.model.ClusterRoleBinding;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.Role;
import dev.orc.api.model.RoleBinding;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;
import dev.orc.reconciler.apiserver.registry.Selection;
import dev.orc.reconciler.apiserver.watch.WatchCaches;
import dev.orc.reconciler.apiserver.watch.Watcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The RBAC policy as the store has it, read once and kept until it changes: each of the four kinds is listed and
 * a watcher of one place joins its watch cache from the list's revision, so the first change of any RBAC object
 * (or a restart of the caches) marks the policy stale and the next request reads it again. Requests between
 * changes cost a check of four empty queues.
 */
public final class RegistryPolicy implements Supplier<Policy> {
    private static final List<ResourceType> KINDS = List.of(ResourceTypes.ROLE, ResourceTypes.CLUSTER_ROLE,
            ResourceTypes.ROLE_BINDING, ResourceTypes.CLUSTER_ROLE_BINDING);

    private final ObjectRegistry registry;
    private final WatchCaches caches;
    private volatile Snapshot snapshot;

    /** A policy and the watchers that tell whether it is still current. */
    private record Snapshot(Policy policy, Map<ResourceType, Watcher> watchers) {
        boolean current() {
            return watchers.size() == KINDS.size()
                    && watchers.values().stream().allMatch(w -> w.bookmarkRevision().isPresent());
        }
    }

    public RegistryPolicy(ObjectRegistry registry, WatchCaches caches) {
        this.registry = registry;
        this.caches = caches;
    }

    @Override
    public Policy get() {
        Snapshot seen = snapshot;
        if (seen != null && seen.current()) {
            return seen.policy();
        }
        synchronized (this) {
            seen = snapshot;
            if (seen == null || !seen.current()) {
                if (seen != null) {
                    seen.watchers().forEach((type, watcher) -> caches.of(type).unsubscribe(watcher));
                }
                seen = read();
                snapshot = seen;
            }
            return seen.policy();
        }
    }

    private Snapshot read() {
        Map<ResourceType, Watcher> watchers = new HashMap<>();
        List<List<JsonNode>> items = new ArrayList<>();
        for (ResourceType type : KINDS) {
            ObjectNode list = registry.list(type, null, Selection.everything(), 0, null);
            long revision = Long.parseLong(list.path("metadata").path("resourceVersion").asText());
            Watcher watcher = new Watcher(revision, object -> true, 1);
            if (caches.of(type).subscribe(watcher, revision)) {
                watchers.put(type, watcher);
            }
            List<JsonNode> objects = new ArrayList<>();
            list.path("items").forEach(objects::add);
            items.add(objects);
        }
        Policy policy = Policy.of(convert(items.get(0), Role.class), convert(items.get(1), ClusterRole.class),
                convert(items.get(2), RoleBinding.class), convert(items.get(3), ClusterRoleBinding.class));
        return new Snapshot(policy, watchers);
    }

    private static <T extends KubeObject> List<T> convert(List<JsonNode> items, Class<T> type) {
        return items.stream().map(item -> Json.convert(item, type)).toList();
    }
}
