package dev.orc.reconciler.controller.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.ListOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.controller.runtime.Reconciler;
import dev.orc.reconciler.controller.runtime.Result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reconciles one object of any kind for the garbage collector: gathers its dependents and the state of its owners
 * (an owner missing from the cache is looked up live before it counts as gone, and only the same uid counts as the
 * same owner), plans with {@link GcPlanner}, and performs the writes in order.
 */
public final class GarbageCollector implements Reconciler {
    private final GcObjects objects;
    private final ApiClient client;

    public GarbageCollector(GcObjects objects, ApiClient client) {
        this.objects = objects;
        this.client = client;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<GcKeys.Item> item = GcKeys.item(key);
        if (item.isEmpty()) {
            return Result.done();
        }
        GcKeys.Item target = item.get();
        Optional<ObjectNode> found = objects.get(target.type(), target.namespace(), target.name());
        if (found.isEmpty()) {
            return Result.done();
        }
        GcPlanner.Typed subject = new GcPlanner.Typed(target.type(), found.get());
        List<GcAction> actions = GcPlanner.plan(subject, dependents(subject.uid()), owners(subject), contents(subject));
        for (GcAction action : actions) {
            switch (action) {
                case GcAction.Delete delete -> client.resource(delete.type()).deleteIfPresent(delete.namespace(),
                        delete.name(), DeleteOptions.defaults().withPreconditionUid(delete.uid())
                                .withPropagation(delete.propagation()));
                case GcAction.DeleteAll all -> client.deleteCollection(all.type(), all.namespace(), ListOptions.all());
                case GcAction.Update update -> client.resource(update.type()).update(update.object());
                case GcAction.UpdateStatus update -> client.resource(update.type()).updateStatus(update.object());
            }
        }
        return Result.done();
    }

    private List<GcPlanner.Typed> dependents(String uid) {
        List<GcPlanner.Typed> dependents = new ArrayList<>();
        for (ResourceType type : objects.types()) {
            for (ObjectNode object : objects.dependents(type, uid)) {
                dependents.add(new GcPlanner.Typed(type, object));
            }
        }
        return dependents;
    }

    private Map<String, OwnerState> owners(GcPlanner.Typed subject) {
        Map<String, OwnerState> owners = new LinkedHashMap<>();
        String namespace = subject.object().path("metadata").path("namespace").asText("");
        for (JsonNode ref : subject.object().path("metadata").path("ownerReferences")) {
            String uid = ref.path("uid").asText();
            Optional<ResourceType> type = ResourceTypes.byApiVersionAndKind(ref.path("apiVersion").asText(),
                    ref.path("kind").asText());
            if (type.isEmpty()) {
                owners.put(uid, OwnerState.SOLID);
                continue;
            }
            String ownerNamespace = type.get().namespaced() ? namespace : "";
            String name = ref.path("name").asText();
            Optional<JsonNode> owner = objects.get(type.get(), ownerNamespace, name).<JsonNode>map(o -> o)
                    .filter(o -> sameUid(o, uid))
                    .or(() -> client.resource(type.get()).find(ownerNamespace, name).map(Json::tree)
                            .filter(o -> sameUid(o, uid)));
            owners.put(uid, owner.map(GarbageCollector::state).orElse(OwnerState.ABSENT));
        }
        return owners;
    }

    private List<GcPlanner.Typed> contents(GcPlanner.Typed subject) {
        if (subject.type() != ResourceTypes.NAMESPACE) {
            return List.of();
        }
        String namespace = subject.object().path("metadata").path("name").asText();
        List<GcPlanner.Typed> contents = new ArrayList<>();
        for (ResourceType type : objects.types()) {
            if (type.namespaced()) {
                objects.inNamespace(type, namespace).forEach(o -> contents.add(new GcPlanner.Typed(type, o)));
            }
        }
        return contents;
    }

    private static boolean sameUid(JsonNode object, String uid) {
        return uid.equals(object.path("metadata").path("uid").asText());
    }

    private static OwnerState state(JsonNode owner) {
        JsonNode metadata = owner.path("metadata");
        if (metadata.hasNonNull("deletionTimestamp")) {
            for (JsonNode finalizer : metadata.path("finalizers")) {
                if (GcPlanner.FOREGROUND.equals(finalizer.asText())) {
                    return OwnerState.DELETING_DEPENDENTS;
                }
            }
        }
        return OwnerState.SOLID;
    }
}
