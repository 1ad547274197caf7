package dev.orc.reconciler.controller.gc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.controller.replicaset.ReplicaSetReconciler;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The garbage collector on the real registry: owners and dependents that are all alive cost no writes. */
class GarbageCollectorAtRestTest {
    private static final List<ResourceType> TYPES = List.of(ResourceTypes.NAMESPACE, ResourceTypes.REPLICA_SET,
            ResourceTypes.POD);
    private final ManualClock clock = new ManualClock();
    private final RegistryCluster registry = new RegistryCluster(clock);
    private final GcObjects objects = new GcObjects(caches());
    private final GarbageCollector collector = new GarbageCollector(objects, registry.controllerClient());

    private Map<ResourceType, ObjectCache<?>> caches() {
        Map<ResourceType, ObjectCache<?>> caches = new LinkedHashMap<>();
        TYPES.forEach(type -> caches.put(type, registry.cache(type)));
        return caches;
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void ownersWithLiveDependentsWriteNothing() {
        ObjectNode rs = (ObjectNode) dev.orc.api.json.Json.parse("""
                {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"namespace":"default","name":"web"},
                 "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                         "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"web:1"}]}}}}""");
        registry.seed(ResourceTypes.REPLICA_SET, rs);
        ReplicaSetReconciler replicaSets = new ReplicaSetReconciler(registry.cache(ResourceTypes.REPLICA_SET),
                registry.cache(ResourceTypes.POD), registry.controllerClient(), registry.events(),
                new Expectations(clock, Duration.ofMinutes(5)), clock);
        registry.settle(5, () -> replicaSets.reconcile(new ObjectKey("default", "web")));

        registry.assertWritesNothing(() -> {
            for (ResourceType type : TYPES) {
                for (Cached<?> object : registry.cache(type).list(type.namespaced() ? "default" : "")) {
                    collector.reconcile(GcKeys.key(type, "default", object.name()));
                }
            }
        });
        assertThat(registry.list(ResourceTypes.POD)).hasSize(2);
    }
}
